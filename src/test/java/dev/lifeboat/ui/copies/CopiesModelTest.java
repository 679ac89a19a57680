package dev.lifeboat.ui.copies;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CatalogFixtures;
import dev.lifeboat.core.manifest.CopyRecord;
import dev.lifeboat.core.manifest.CopyState;
import dev.lifeboat.core.manifest.EntrySummary;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.ui.common.SameThreadExecutor;
import dev.lifeboat.ui.manifest.BackupRow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The Copies column from the rows' summaries alone; the tooltip's details read from the whole entry on hover. */
class CopiesModelTest {
    @TempDir
    Path folder;

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @Test
    void theColumnReadsTheSummaryAndTheTooltipReadsKeyAndCheckFromTheWholeEntry() throws Exception {
        ManifestStore store = new ManifestStore(folder);
        BackupEntry entry = CatalogFixtures.realistic(1).withCopy("box", new CopyRecord("box", "lifeboat/db1.dump", 10L,
                "ab", "2026-12-01T10:00:00Z", "2026-12-02T11:00:00Z", CopyState.OK, null));
        store.add(entry);
        EntrySummary summary = store.summaries().get(0);
        BackupRow row = BackupRow.of(summary, true);
        CopiesModel model = new CopiesModel(new SameThreadExecutor(), () -> store);

        assertEquals("local + box \u2713", WaitForAsyncUtils.asyncFx(() -> model.text(row)).get(30, TimeUnit.SECONDS));
        List<String> shown = new CopyOnWriteArrayList<>();
        WaitForAsyncUtils.asyncFx(() -> model.tooltip(row, shown::add)).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("box: good", "box: good, checked 2026-12-02T11:00:00Z, lifeboat/db1.dump"), shown,
                "the summary's text at once, then the key and last check from the whole entry");
    }
}
