package dev.lifeboat.core.archive;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backup's entry and table of contents read while the command line is: taken once, for the same
 * folder and id only; a read that failed leaves the command to read and report it.
 */
@ExtendWith(PgExtension.class)
class EarlyBackupReadTest {
    @TempDir
    Path folder;

    @Test
    void theEntryReadEarlyIsTakenOnceForTheSameFolderAndIdWithItsTableOfContents(TestDatabase db) {
        db.execute("CREATE TABLE t (i int PRIMARY KEY)", "INSERT INTO t SELECT generate_series(1, 10)");
        BackupEntry made = new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "early"), ProgressListener.NONE, CancelToken.none());

        EarlyBackupRead.start(folder, made.id());
        assertEquals(Optional.empty(), EarlyBackupRead.take(folder, "another"), "another id is read by its command");
        assertEquals(Optional.empty(), EarlyBackupRead.take(folder.resolve("elsewhere"), made.id()));
        Optional<BackupEntry> taken = EarlyBackupRead.take(folder.resolve(".").resolve("x").resolve(".."), made.id());

        assertTrue(taken.isPresent());
        assertEquals(made.id(), taken.get().id());
        assertEquals(made.hash(), taken.get().hash());
        assertEquals(Optional.empty(), EarlyBackupRead.take(folder, made.id()), "taken once; later reads are fresh");
        Path file = new ManifestStore(folder).fileOf(taken.get());
        assertSame(ArchiveInspector.restoredByDefault(file).orElseThrow(),
                ArchiveInspector.restoredByDefault(file).orElseThrow(), "decoded once per file version");
    }

    @Test
    void aReadThatFailedLeavesNothingToTake() {
        EarlyBackupRead.start(folder, "no_such_backup");
        assertEquals(Optional.empty(), EarlyBackupRead.take(folder, "no_such_backup"));
    }
}
