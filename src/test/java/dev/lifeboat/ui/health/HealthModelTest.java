package dev.lifeboat.ui.health;

import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.health.HealthCheck;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.core.health.HealthState;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.ui.common.SameThreadExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The Health screen's model without a window: the checks run through the executor, each with its remedy. */
class HealthModelTest {
    @TempDir
    Path folder;

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    private HealthModel refreshed(HealthModel model) throws Exception {
        WaitForAsyncUtils.asyncFx(model::refresh).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return model;
    }

    private static HealthCheck named(HealthModel m, String name) {
        return m.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void anEmptyFolderWarnsAndOffersABackupAFileWithoutEntryOffersImport() throws Exception {
        Files.writeString(folder.resolve("ledger_20260101_000000.dump"), "not adopted");
        HealthModel m = refreshed(new HealthModel(new SameThreadExecutor(),
                () -> new HealthService(new ManifestStore(folder), db -> null)));
        assertEquals(HealthState.WARNING, m.reportProperty().get().state());
        assertEquals(Remedy.TAKE_BACKUP, named(m, "Backups").remedy());
        assertEquals(Remedy.RUN_IMPORT, named(m, "Files without entries").remedy());
        assertEquals(Remedy.NONE, named(m, "Files missing for entries").remedy(), "an OK check needs nothing done");
        assertFalse(m.runningProperty().get());
    }

    @Test
    void noFolderOpenMeansNoCheck() throws Exception {
        HealthModel m = refreshed(new HealthModel(new SameThreadExecutor(), () -> null));
        assertNull(m.reportProperty().get());
        assertEquals(0, m.checks().size());
    }
}
