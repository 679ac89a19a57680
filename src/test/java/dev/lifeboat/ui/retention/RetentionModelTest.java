package dev.lifeboat.ui.retention;

import dev.lifeboat.core.FieldError;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.retention.RetentionDecision;
import dev.lifeboat.core.retention.RetentionEditor;
import dev.lifeboat.ui.common.RecordingDialogs;
import dev.lifeboat.ui.common.SameThreadExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retention editor's model without a window: named rules, a preview of the form, prune of what was confirmed. */
class RetentionModelTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2027, 1, 2, 12, 0, 0, 0, ZoneOffset.UTC);

    @TempDir
    Path folder;

    private final RecordingDialogs dialogs = new RecordingDialogs();
    private final AtomicInteger changed = new AtomicInteger();

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    private RetentionModel model(int backups) throws Exception {
        ManifestStore store = new ManifestStore(folder);
        for (int i = 1; i <= backups; i++) {
            BackupEntry e = new BackupEntry("b" + i, "2026120" + i + "_100000", "2026-12-0" + i + "T10:00:00Z", "db",
                    "localhost", 5432, "u", null, List.of(), "manual", "b" + i + ".dump", "custom", 10L, 0.0, "00",
                    "SHA-256", 1, "exact", List.of(), "15.15", 150015, "15", 1L, 1.0, 1, null, null, null, false,
                    List.of(), null);
            Files.writeString(folder.resolve(e.file()), "dump " + i);
            store.update(m -> m.withAdded(e));
        }
        RetentionModel m = new RetentionModel(new SameThreadExecutor(), dialogs, new RetentionEditor(store),
                changed::incrementAndGet, () -> NOW);
        onFx(m::load);
        return m;
    }

    private static void onFx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static long deleted(RetentionModel m) {
        return m.decisions().stream().filter(d -> !d.keep()).count();
    }

    @Test
    void aWrongRuleIsNamedAndNothingIsPreviewedOrSaved() throws Exception {
        RetentionModel m = model(3);
        onFx(() -> {
            m.dailyProperty().set("x");
            m.save();
        });
        assertEquals(List.of("Keep daily"), m.errors().stream().map(FieldError::field).toList());
        assertTrue(m.summaryProperty().get().startsWith("\u2716 Keep daily:"), m.summaryProperty().get());
        assertTrue(m.isWrong("Keep daily"));
        assertTrue(new RetentionEditor(new ManifestStore(folder)).load().forDatabase(null).isEmpty(), "nothing saved");
    }

    @Test
    void closingWithRulesTypedButNotSavedAsksAndSavingClearsIt() throws Exception {
        RetentionModel m = model(2);
        assertFalse(m.hasUnsavedChanges(), "the saved policy as loaded");
        assertTrue(m.mayClose());
        assertTrue(dialogs.confirmations.isEmpty(), "nothing to ask");
        dialogs.answer = false;
        onFx(() -> m.lastProperty().set("7"));
        assertTrue(m.hasUnsavedChanges());
        assertFalse(m.mayClose(), "declined: the editor stays open with the rules");
        assertTrue(dialogs.confirmations.get(0).startsWith("Close without saving: The policy on screen for every "
                + "database is not saved"), dialogs.confirmations.toString());
        onFx(m::save);
        assertFalse(m.hasUnsavedChanges(), "saved");
        onFx(() -> m.lastProperty().set(" 7 "));
        assertFalse(m.hasUnsavedChanges(), "spaces aside, the same rule");
    }

    @Test
    void showingAnotherScopeAsksBeforeDroppingRulesTyped() throws Exception {
        RetentionModel m = model(2);
        dialogs.answer = false;
        onFx(() -> m.lastProperty().set("3"));
        onFx(() -> m.scopeProperty().set("db"));
        assertEquals(RetentionModel.ALL, m.scopeProperty().get(), "declined: the scope stays");
        assertEquals("3", m.lastProperty().get(), "and the rule typed with it");
        assertTrue(dialogs.confirmations.get(0).startsWith("Drop it: The policy on screen for every database"),
                dialogs.confirmations.toString());
        dialogs.answer = true;
        onFx(() -> m.scopeProperty().set("db"));
        assertEquals("db", m.scopeProperty().get());
        assertEquals("", m.lastProperty().get(), "db's own (empty) policy");
        assertFalse(m.hasUnsavedChanges());
    }

    @Test
    void thePreviewFollowsTheFormAndTheDatabasesAreScopes() throws Exception {
        RetentionModel m = model(4);
        assertEquals(List.of(RetentionModel.ALL, "db"), List.copyOf(m.scopes()));
        assertEquals(0, deleted(m), "no policy keeps everything");
        onFx(() -> {
            m.lastProperty().set("1");
            m.preview();
        });
        assertEquals(3, deleted(m));
        assertTrue(m.summaryProperty().get().startsWith("1 kept, 3 would be deleted"), m.summaryProperty().get());
    }

    @Test
    void pruneListsWhatGoesAndDeletesExactlyThatWhenConfirmed() throws Exception {
        RetentionModel m = model(4);
        dialogs.answer = false;
        onFx(() -> {
            m.lastProperty().set("2");
            m.prune();
        });
        assertTrue(dialogs.confirmations.get(0).contains("b2") && dialogs.confirmations.get(0).contains("b1")
                && !dialogs.confirmations.get(0).contains("b3"), dialogs.confirmations.toString());
        assertEquals(4, new ManifestStore(folder).load().backups().size(), "declined: nothing deleted");
        dialogs.answer = true;
        onFx(m::prune);
        assertEquals(List.of("b4", "b3"), new ManifestStore(folder).load().newestFirst().stream()
                .map(BackupEntry::id).toList());
        assertEquals(1, changed.get(), "the main table is told to reload");
        assertEquals(List.of("Pruned: 2 backup(s) deleted."), dialogs.infos);
        assertEquals("2", m.lastProperty().get(), "the saved policy is what was on screen");
        assertTrue(m.decisions().stream().allMatch(RetentionDecision::keep));
    }
}
