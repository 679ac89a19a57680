package dev.lifeboat.core.demo;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.BackupDeleter;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A newcomer's first minute: the demo server starts with data, backs up, and delete removes file and entry. */
class DemoDatabaseTest {
    @Test
    void demoDatabaseStartsWithSampleDataBacksUpAndDeleteRemovesFileAndEntry(@TempDir Path folder) throws Exception {
        try (DemoDatabase demo = DemoDatabase.start()) {
            ManifestStore store = new ManifestStore(folder);
            BackupEntry e = new BackupService(store, PgToolLocator.standard(null))
                    .create(BackupRequest.of(demo.connection(), "first backup"), ProgressListener.NONE, CancelToken.none());
            assertEquals(5, e.tableCount());
            assertEquals(4000L, e.tables().stream().filter(t -> t.name().equals("orders")).findFirst().orElseThrow().rows());
            assertEquals("flyway", e.migration().tool());
            assertTrue(Files.isRegularFile(folder.resolve(e.file())));

            BackupDeleter.delete(store, e.id());
            assertFalse(Files.exists(folder.resolve(e.file())));
            assertTrue(store.load().backups().isEmpty());
            try (Stream<Path> files = Files.list(folder)) {
                assertTrue(files.noneMatch(p -> p.toString().endsWith(".dump") || p.toString().endsWith(".deleting")
                        || p.toString().endsWith(".globals.sql")));
            }
        }
    }

    @Test
    void aRestartedDemoUsesThePortItsSavedConnectionNames() {
        int port;
        try (DemoDatabase first = DemoDatabase.start()) {
            port = first.connection().port();
        }
        try (DemoDatabase again = DemoDatabase.start(port)) {
            assertEquals(port, again.connection().port(), "the saved demo connection works after a restart");
        }
    }
}
