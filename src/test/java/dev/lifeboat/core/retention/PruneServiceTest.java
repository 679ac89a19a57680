package dev.lifeboat.core.retention;

import dev.lifeboat.core.manifest.BackupDeleter;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruneServiceTest {
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
        new RetentionPolicies(new RetentionPolicy(2, null, null, null, null, null), Map.of()).save(folder);
        return store;
    }

    @Test
    void dryRunListsWhatWouldGoAndDeletesNothing() throws Exception {
        ManifestStore store = storeWith(4);
        PruneResult r = new PruneService(store).prune(true, NOW);
        assertEquals(List.of("b2", "b1"), r.toDelete().stream().map(RetentionDecision::backupId).toList());
        assertTrue(r.deleted().isEmpty());
        assertEquals(4, store.load().backups().size());
        assertTrue(Files.exists(folder.resolve("b1.dump")));
    }

    @Test
    void pruneRemovesFileAndEntryTogether() throws Exception {
        ManifestStore store = storeWith(4);
        PruneResult r = new PruneService(store).prune(false, NOW);
        assertEquals(List.of("b2", "b1"), r.deleted());
        assertEquals(2, store.load().backups().size());
        assertFalse(Files.exists(folder.resolve("b1.dump")));
        assertFalse(Files.exists(folder.resolve("b2.dump")));
        assertTrue(Files.exists(folder.resolve("b3.dump")));
        assertTrue(store.load().pending().isEmpty());
    }

    @Test
    void pruneInterruptedBetweenTheEntryAndTheFileIsFinishedByTheNextRun() throws Exception {
        ManifestStore store = storeWith(3);
        BackupDeleter crashing = new BackupDeleter(store, () -> {
            throw new IllegalStateException("simulated crash between the manifest write and the file delete");
        });
        assertThrows(IllegalStateException.class, () -> new PruneService(store, crashing).prune(false, NOW));
        // No entry without its file: b1's entry is gone. No unreferenced file: b1.dump is listed as pending.
        assertTrue(store.load().byId("b1").isEmpty());
        assertTrue(Files.exists(folder.resolve("b1.dump")));
        assertEquals(List.of("b1.dump"), store.load().pending());
        for (BackupEntry e : store.load().backups()) {
            assertTrue(Files.exists(folder.resolve(e.file())), e.file());
        }
        PruneResult next = new PruneService(store).prune(false, NOW);
        assertEquals(1, next.finishedPending());
        assertFalse(Files.exists(folder.resolve("b1.dump")));
        assertTrue(store.load().pending().isEmpty());
        assertEquals(2, store.load().backups().size());
    }
}
