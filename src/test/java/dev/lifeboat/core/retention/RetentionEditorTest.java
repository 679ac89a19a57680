package dev.lifeboat.core.retention;

import dev.lifeboat.core.FieldError;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retention verbs both front ends use: named field errors, preview, prune of what was confirmed. */
class RetentionEditorTest {
    @TempDir
    Path folder;

    private static final OffsetDateTime NOW = OffsetDateTime.of(2027, 1, 2, 12, 0, 0, 0, ZoneOffset.UTC);

    private ManifestStore storeWith(int n) throws Exception {
        ManifestStore store = new ManifestStore(folder);
        for (int i = 1; i <= n; i++) {
            BackupEntry e = RetentionPlannerTest.at("b" + i, "2026-12-0" + i + "T10:00:00Z", "db", false, null);
            Files.writeString(folder.resolve(e.file()), "dump " + i);
            store.update(m -> m.withAdded(e));
        }
        return store;
    }

    @Test
    void everyWrongRuleIsNamedByItsField() {
        RetentionEditor.Parsed p = RetentionEditor.parse(new RetentionEditor.Form("x", "7", "-1", "", " ", "soon"));
        assertEquals(List.of("Keep the last", "Keep weekly", "Keep everything within"),
                p.errors().stream().map(FieldError::field).toList());
        LifeboatException e = assertThrows(LifeboatException.class, p::orThrow);
        assertTrue(e.getMessage().contains("Keep the last: a whole number of backups (0 or more), not 'x'"), e.getMessage());
        assertEquals(new RetentionPolicy(2, 7, null, null, null, "30d"),
                RetentionEditor.parse(new RetentionEditor.Form("2", "7", "", "", "", " 30d ")).orThrow());
    }

    @Test
    void aNegativeRuleGivenAsANumberIsRefusedToo() {
        LifeboatException e = assertThrows(LifeboatException.class,
                () -> RetentionEditor.check(new RetentionPolicy(-3, null, null, null, null, null)));
        assertTrue(e.getMessage().contains("Keep the last"), e.getMessage());
    }

    @Test
    void thePreviewFollowsThePolicyOnScreenAndSavesNothing() throws Exception {
        ManifestStore store = storeWith(4);
        RetentionEditor editor = new RetentionEditor(store);
        List<String> gone = editor.preview(null, new RetentionPolicy(1, null, null, null, null, null), NOW).stream()
                .filter(d -> !d.keep()).map(RetentionDecision::backupId).toList();
        assertEquals(List.of("b3", "b2", "b1"), gone);
        assertTrue(editor.load().forDatabase(null).isEmpty(), "a preview saves nothing");
    }

    @Test
    void pruneDeletesExactlyWhatWasConfirmedAndSavesThePolicy() throws Exception {
        ManifestStore store = storeWith(4);
        RetentionEditor editor = new RetentionEditor(store);
        RetentionPolicy keep2 = new RetentionPolicy(2, null, null, null, null, null);
        PruneResult r = editor.pruneConfirmed(null, keep2, List.of("b2", "b1"), NOW);
        assertEquals(List.of("b2", "b1"), r.deleted());
        assertEquals(keep2, editor.load().forDatabase(null));
        assertFalse(Files.exists(folder.resolve("b1.dump")));
    }

    @Test
    void pruneRefusesWhenTheBackupsChangedSinceTheConfirmation() throws Exception {
        ManifestStore store = storeWith(4);
        RetentionEditor editor = new RetentionEditor(store);
        RetentionPolicy keep1 = new RetentionPolicy(1, null, null, null, null, null);
        // The person confirmed the list for "keep 2"; the form now says "keep 1": three would go.
        LifeboatException e = assertThrows(LifeboatException.class,
                () -> editor.pruneConfirmed(null, keep1, List.of("b2", "b1"), NOW));
        assertTrue(e.getMessage().contains("Nothing was saved or deleted"), e.getMessage());
        assertEquals(4, store.load().backups().size());
        assertTrue(editor.load().forDatabase(null).isEmpty());
    }
}
