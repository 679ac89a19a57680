package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.CatalogFixtures;
import dev.lifeboat.core.settings.SettingsStore;
import dev.lifeboat.ui.LifeboatApp;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A large folder's newest rows are in the table when the window first shows (read while the window
 * was built), not behind its first layout; every row follows in one change.
 */
class FirstRowsTest {
    private static final int ENTRIES = 1_500;

    @TempDir
    Path home;

    @TempDir
    Path folder;

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void theWindowShowsWithTheNewestRowsAlreadyInTheTable() throws Exception {
        CatalogFixtures.seed(folder, ENTRIES);
        LifeboatApp app = new LifeboatApp();
        Stage[] stage = new Stage[1];
        @SuppressWarnings("unchecked")
        TableView<BackupRow>[] table = new TableView[1];
        try {
            int atShow = WaitForAsyncUtils.asyncFx(() -> {
                stage[0] = new Stage();
                table[0] = app.show(stage[0], new SettingsStore(home), folder).manifestView().table();
                return table[0].getItems().size(); // in the same FX turn: before any pulse has laid the window out
            }).get(60, TimeUnit.SECONDS);
            assertEquals(ManifestModel.FIRST_PAGE, atShow, "the newest rows are there for the window's first layout");
            assertEquals(CatalogFixtures.realistic(ENTRIES - 1).id(),
                    WaitForAsyncUtils.asyncFx(() -> table[0].getItems().get(0).id()).get(10, TimeUnit.SECONDS));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (WaitForAsyncUtils.asyncFx(() -> table[0].getItems().size()).get() < ENTRIES && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertEquals(ENTRIES, (int) WaitForAsyncUtils.asyncFx(() -> table[0].getItems().size()).get(), "then every row");
            assertEquals(CatalogFixtures.realistic(ENTRIES - 1).id(),
                    WaitForAsyncUtils.asyncFx(() -> table[0].getItems().get(0).id()).get(10, TimeUnit.SECONDS), "newest first");
        } finally {
            WaitForAsyncUtils.asyncFx(() -> {
                app.stop();
                if (stage[0] != null) {
                    stage[0].close();
                }
            }).get(10, TimeUnit.SECONDS);
        }
    }
}
