package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CatalogFixtures;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.ui.common.SameThreadExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whether each row's file is there: a directory-format backup's folder ({@code backup --jobs N}) is its
 * file, in the folder's rows and in a row followed from another process; a missing plain name is
 * answered by the folder's listing; another machine's path by the store's exact check.
 */
class FolderRowsTest {
    @TempDir
    Path folder;

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @Test
    void aDirectoryBackupIsThereAndAMissingFileIsMissing() throws Exception {
        ManifestStore store = new ManifestStore(folder);
        store.add(entry(1, "db0_1.dump"));
        store.add(entry(2, "db0_2.dir"));
        store.add(entry(3, "db0_3.dump")); // not there
        store.add(entry(4, "/srv/elsewhere/db0_4.dir")); // another machine's path: the folder of that name here
        store.add(entry(5, "db0_5.dir")); // not there
        Files.writeString(folder.resolve("db0_1.dump"), "x");
        Files.createDirectory(folder.resolve("db0_2.dir"));
        Files.writeString(folder.resolve("db0_2.dir").resolve("toc.dat"), "x");
        Files.createDirectory(folder.resolve("db0_4.dir"));

        Map<String, Boolean> there = new HashMap<>();
        for (BackupRow r : FolderRows.of(store, store.summaries(100), r -> { })) {
            there.put(r.entry().file(), r.fileExists());
        }
        assertEquals(Map.of("db0_1.dump", true, "db0_2.dir", true, "db0_3.dump", false, "/srv/elsewhere/db0_4.dir", true,
                "db0_5.dir", false), there);
        assertTrue(store.fileExists(entry(2, "db0_2.dir")), "a directory-format backup's folder is its file");
        assertFalse(store.fileExists(entry(6, "db0_2.dir/toc.dat/..")), "not a backup's name");
        Files.createDirectory(folder.resolve("db0_7.dump"));
        assertFalse(store.fileExists(entry(7, "db0_7.dump")), "a folder named as a dump is not a backup");
    }

    @Test
    void aDirectoryBackupAnotherProcessRecordsIsFollowedAsThere() throws Exception {
        CatalogFixtures.seed(folder, 1_500); // a snapshot large enough that the next entry comes as a journal change (a small one is read again whole)
        ManifestModel model = new ManifestModel(new SameThreadExecutor());
        try {
            WaitForAsyncUtils.asyncFx(() -> model.open(folder)).get(60, TimeUnit.SECONDS);
            waitForRows(model, 1_500);
            Files.createDirectory(folder.resolve("db0_9.dir"));
            new ManifestStore(folder).add(entry(1_500, "db0_9.dir")); // a scheduled backup --jobs 2
            waitForRows(model, 1_501);
            BackupRow row = WaitForAsyncUtils.asyncFx(() -> model.rows().get(0)).get();
            assertEquals("db0_9.dir", row.entry().file());
            assertEquals(BackupRow.Status.NEVER, row.status(), "there, never verified: not \"file missing\"");
        } finally {
            model.stop();
        }
    }

    private static BackupEntry entry(int i, String file) {
        return TestEntries.with(CatalogFixtures.realistic(i), Map.of("file", file, "verifications", List.of()));
    }

    private static void waitForRows(ManifestModel model, int n) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (WaitForAsyncUtils.asyncFx(() -> model.rows().size()).get() != n && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }
}
