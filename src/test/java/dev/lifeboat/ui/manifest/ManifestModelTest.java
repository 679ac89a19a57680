package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.CatalogFixtures;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.ui.common.SameThreadExecutor;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The table's model over a large folder: newest rows first, every row after, another process's entries followed. */
class ManifestModelTest {
    private static final int ENTRIES = 1_500;

    @TempDir
    Path folder;

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @Test
    void aLargeFolderShowsItsNewestRowsFirstThenEveryRowAndFollowsAnotherProcessRowByRow() throws Exception {
        CatalogFixtures.seed(folder, ENTRIES);
        ManifestModel model = new ManifestModel(new SameThreadExecutor());
        List<String> changes = new CopyOnWriteArrayList<>();
        model.rows().addListener((ListChangeListener<BackupRow>) c -> {
            while (c.next()) {
                changes.add((c.wasReplaced() ? "replaced " : c.wasAdded() ? "added " : "removed ")
                        + (c.wasAdded() ? c.getAddedSize() : c.getRemovedSize()) + " at " + c.getFrom());
            }
        });
        try {
            WaitForAsyncUtils.asyncFx(() -> model.open(folder)).get(60, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            waitForRows(model, ENTRIES);
            assertEquals(List.of("added " + ManifestModel.FIRST_PAGE + " at 0", "replaced " + ENTRIES + " at 0"), changes,
                    "the newest rows from the index's head, then every row in one change once they have been drawn");
            assertEquals(CatalogFixtures.realistic(ENTRIES - 1).id(), model.rows().get(0).id());
            BackupRow row = model.rows().get(0);
            assertNull(row.entry().tables(), "rows hold summaries, not whole entries");
            assertEquals(20, model.full(row).tables().size(), "the whole entry is read when it is asked for");

            changes.clear();
            new ManifestStore(folder).add(CatalogFixtures.realistic(ENTRIES)); // another process records a backup
            waitForRows(model, ENTRIES + 1);
            assertEquals(ENTRIES + 1, model.rows().size());
            assertEquals(CatalogFixtures.realistic(ENTRIES).id(), model.rows().get(0).id());
            assertEquals(List.of("added 1 at 0"), changes, "one row added, nothing reread");
        } finally {
            model.stop();
        }
    }

    @Test
    void everyRowIsPreparedAsItIsReadSoThatTheFirstSortByCopiesOnlyCompares() throws Exception {
        CatalogFixtures.seed(folder, ENTRIES);
        ManifestModel model = new ManifestModel(new SameThreadExecutor());
        java.util.Set<String> prepared = java.util.concurrent.ConcurrentHashMap.newKeySet();
        model.prepareEachRow(r -> prepared.add(r.id()));
        try {
            WaitForAsyncUtils.asyncFx(() -> model.open(folder)).get(60, TimeUnit.SECONDS);
            waitForRows(model, ENTRIES);
            new ManifestStore(folder).add(CatalogFixtures.realistic(ENTRIES)); // another process records a backup
            waitForRows(model, ENTRIES + 1);
            List<String> shown = WaitForAsyncUtils.asyncFx(() -> model.rows().stream().map(BackupRow::id).toList()).get();
            assertEquals(ENTRIES + 1, shown.size());
            assertTrue(prepared.containsAll(shown), "every row, the followed one too, prepared when it was made");
        } finally {
            model.stop();
        }
    }

    private static void waitForRows(ManifestModel model, int n) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (WaitForAsyncUtils.asyncFx(() -> model.rows().size()).get() != n && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void rowsComputeTheirSearchTextOffTheFxThreadAndTheirColumnsOnDemand() {
        BackupRow row = BackupRow.of(CatalogFixtures.realistic(3), false);
        assertEquals(BackupRow.Status.MISSING, row.status());
        assertTrue(row.matches("HOURLY backup 3"));
        assertTrue(row.matches("db0"));
        assertTrue(row.created().startsWith("2023-01-01 03:00"), row.created());
        assertEquals("scheduled", row.tags());
    }
}
