package dev.lifeboat.core.backup;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What a failed backup says: why it stopped, not pg_dump's last progress line (issue 12, item 13). */
@ExtendWith(PgExtension.class)
class BackupMessagesTest {
    private final PgToolLocator tools = PgToolLocator.standard(null);

    @Test
    void aKilledPgDumpIsReportedAsKilledNotByItsLastVerboseLine(TestDatabase db) throws Exception {
        SampleData.createLargeTable(db);
        Path folder = Files.createTempDirectory("lifeboat-killed");
        List<Long> killed = new ArrayList<>();
        LifeboatException e = assertThrows(LifeboatException.class, () -> new BackupService(new ManifestStore(folder),
                tools).create(BackupRequest.of(db.spec(), "doomed"), (done, total, message) -> {
                    if (message != null && message.startsWith("Dumping") && killed.isEmpty()) {
                        ProcessHandle.current().descendants()
                                .filter(p -> p.info().command().orElse("").endsWith("pg_dump"))
                                .forEach(p -> {
                                    killed.add(p.pid());
                                    p.destroyForcibly();
                                });
                    }
                }, CancelToken.none()));
        assertFalse(killed.isEmpty());
        assertEquals(ErrorCode.BACKUP_FAILED, e.code());
        assertTrue(e.getMessage().contains("pg_dump was killed"), e.getMessage());
        assertFalse(e.getMessage().contains("dumping contents"), e.getMessage());
    }

    @Test
    void aFullDiskSaysItRanOutOfSpace(TestDatabase db) throws Exception {
        SampleData.createLargeTable(db);
        Path small = Files.createTempDirectory("lifeboat-small");
        boolean mounted = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", small.toString())
                .redirectErrorStream(true).start().waitFor() == 0;
        assumeTrue(mounted, "needs a small tmpfs (root)");
        try {
            LifeboatException e = assertThrows(LifeboatException.class, () -> new BackupService(new ManifestStore(small),
                    tools).create(BackupRequest.of(db.spec(), "too big"), (d, t, m) -> { }, CancelToken.none()));
            assertEquals(ErrorCode.DISK_FULL, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("ran out of space"), e.getMessage());
            assertFalse(e.getMessage().contains("is full ("), e.getMessage());
            try (var s = Files.list(small)) {
                assertTrue(s.noneMatch(p -> p.toString().endsWith(".partial")));
            }
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }
}
