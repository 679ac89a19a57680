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
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertEquals(HealthState.WARNING, m.checks().get(0).state(), "what needs doing is listed first: " + m.checks());
        assertEquals(HealthState.OK, m.checks().get(m.checks().size() - 1).state());
        assertFalse(m.runningProperty().get());
    }

    @Test
    void noFolderOpenMeansNoCheck() throws Exception {
        HealthModel m = refreshed(new HealthModel(new SameThreadExecutor(), () -> null));
        assertNull(m.reportProperty().get());
        assertEquals(0, m.checks().size());
    }

    @Test
    void manyCatalogChangesInARowRunOneCheckThenAtMostOnePerGap() throws Exception {
        java.util.concurrent.atomic.AtomicInteger checksRun = new java.util.concurrent.atomic.AtomicInteger();
        HealthService real = new HealthService(new ManifestStore(folder), db -> null);
        HealthModel m = new HealthModel(new SameThreadExecutor(), () -> {
            checksRun.incrementAndGet();
            return real;
        });
        m.followGap(javafx.util.Duration.millis(1500));
        WaitForAsyncUtils.asyncFx(() -> {
            for (int i = 0; i < 500; i++) {
                m.changed(); // a folder of 35,000 read in pages, or a CLI adding entries
            }
        }).get(30, TimeUnit.SECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((m.reportProperty().get() == null || WaitForAsyncUtils.asyncFx(() -> m.runningProperty().get()).get())
                && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(1, checksRun.get(), "500 changes at once: one check");
        WaitForAsyncUtils.asyncFx(m::changed).get(30, TimeUnit.SECONDS);
        Thread.sleep(500);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, checksRun.get(), "a change soon after a check waits for the gap");
        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (checksRun.get() < 2 && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertEquals(2, checksRun.get(), "then that change is checked");
        while (WaitForAsyncUtils.asyncFx(() -> m.runningProperty().get()).get() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        WaitForAsyncUtils.asyncFx(m::refresh).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, checksRun.get(), "a refresh asked for runs at once");
    }

    @Test
    void aCheckThatFollowsChangesWaitsUntilTheTableHasDrawnItsSortAndARefreshDoesNot() throws Exception {
        java.util.concurrent.atomic.AtomicInteger checksRun = new java.util.concurrent.atomic.AtomicInteger();
        HealthService real = new HealthService(new ManifestStore(folder), db -> null);
        HealthModel m = new HealthModel(new SameThreadExecutor(), () -> {
            checksRun.incrementAndGet();
            return real;
        });
        javafx.beans.property.SimpleBooleanProperty sorting = new javafx.beans.property.SimpleBooleanProperty(true);
        WaitForAsyncUtils.asyncFx(() -> {
            m.holdWhile(sorting);
            m.changed();
        }).get(30, TimeUnit.SECONDS);
        Thread.sleep(2_000); // past the second changes settle for
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, checksRun.get(), "no check starts while a sort is being computed and drawn");
        WaitForAsyncUtils.asyncFx(m::changed).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> sorting.set(false)).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, checksRun.get(), "the check starts once the sort is drawn, covering both changes");
        Thread.sleep(1_500);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, checksRun.get(), "one check for the changes held back, not one each");

        WaitForAsyncUtils.asyncFx(() -> sorting.set(true)).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(m::refresh).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, checksRun.get(), "a refresh asked for runs at once, sort or not");
    }

    @Test
    void aCheckThatFollowsChangesIsSkippedWhenTheFolderIsAsItWasAndRunsOnceItChanged() throws Exception {
        ManifestStore store = new ManifestStore(folder);
        Files.writeString(folder.resolve("ledger_20260101_000000.dump"), "not adopted");
        java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.fromMillis(
                System.currentTimeMillis() - 3_600_000);
        Files.setLastModifiedTime(folder, hourAgo); // settled: a stamp can tell this folder apart
        HealthModel m = refreshed(new HealthModel(new SameThreadExecutor(), () -> new HealthService(store, db -> null)));
        m.followGap(javafx.util.Duration.millis(100));
        var first = m.reportProperty().get();

        WaitForAsyncUtils.asyncFx(m::changed).get(30, TimeUnit.SECONDS); // the same catalog's rows read again
        Thread.sleep(1_500);
        WaitForAsyncUtils.waitForFxEvents();
        assertSame(first, m.reportProperty().get(), "nothing changed on disk: the report stands, no check ran");

        Files.writeString(folder.resolve("ledger_20260102_000000.dump"), "another");
        WaitForAsyncUtils.asyncFx(m::changed).get(30, TimeUnit.SECONDS);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (m.reportProperty().get() == first && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertNotSame(first, m.reportProperty().get(), "a file added: checked again");
        assertTrue(named(m, "Files without entries").detail().contains("ledger_20260102_000000.dump"));

        var second = m.reportProperty().get();
        WaitForAsyncUtils.asyncFx(m::refresh).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertNotSame(second, m.reportProperty().get(), "a refresh asked for always checks");
    }
}
