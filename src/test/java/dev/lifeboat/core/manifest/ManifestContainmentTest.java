package dev.lifeboat.core.manifest;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.core.health.HealthState;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.retention.PruneResult;
import dev.lifeboat.core.retention.PruneService;
import dev.lifeboat.core.retention.RetentionPolicies;
import dev.lifeboat.core.retention.RetentionPolicy;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.VerifyService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every path a manifest names must really lie inside the folder before it is read or deleted (issue 12, item 4). */
class ManifestContainmentTest {
    @TempDir
    Path folder;

    @TempDir
    Path elsewhere;

    private static BackupEntry entry(String id, String file, OffsetDateTime at) {
        return new BackupEntry(id, null, at.toString(), "ledger", "h", 5432, "u", "", List.of("manual"), "manual", file,
                "custom", 6L, 0.0, "00", "SHA-256", 0, "exact", List.of(), "15", 150000, "15", 1L, 1.0, 1, null, null,
                null, false, List.of(), null);
    }

    @Test
    void pruneVerifyAndHealthNeverActOnFilesReachedThroughASymlinkOrDotDot() throws Exception {
        Path victim = Files.writeString(elsewhere.resolve("victim.dump"), "victim");
        Path victim2 = Files.writeString(elsewhere.resolve("victim2.dump"), "victim");
        Files.createSymbolicLink(folder.resolve("link"), elsewhere);
        Files.createSymbolicLink(folder.resolve("evil.dump"), victim2);
        Path outsideByDots = folder.relativize(elsewhere.resolve("victim.dump"));
        OffsetDateTime now = OffsetDateTime.now();
        ManifestStore store = new ManifestStore(folder);
        store.update(m -> m.withAdded(entry("through-link", "link/victim.dump", now.minusDays(3)))
                .withAdded(entry("through-file-link", "evil.dump", now.minusDays(2)))
                .withAdded(entry("through-dots", outsideByDots.toString(), now.minusDays(1))));
        Files.writeString(folder.resolve("good.dump"), "good!!");
        store.update(m -> m.withAdded(entry("good", "good.dump", now)));

        for (String id : List.of("through-link", "through-file-link", "through-dots")) {
            LifeboatException ex = assertThrows(LifeboatException.class, () -> store.fileOf(store.find(id)));
            assertEquals(ErrorCode.MANIFEST_DAMAGED, ex.code());
            LifeboatException v = assertThrows(LifeboatException.class, () -> new VerifyService(store,
                    PgToolLocator.standard(null)).verify(id, VerifyDepth.QUICK, null, ProgressListener.NONE, CancelToken.none()));
            assertEquals(ErrorCode.MANIFEST_DAMAGED, v.code(), v.getMessage());
        }

        new RetentionPolicies(new RetentionPolicy(1, null, null, null, null, null), Map.of()).save(folder);
        PruneResult r = new PruneService(store).prune(false, now.plusMinutes(1));
        assertEquals(List.of(), r.deleted());
        assertEquals(3, r.refused().size(), r.refused().toString());
        assertTrue(Files.isRegularFile(victim) && Files.isRegularFile(victim2), "nothing outside the folder was deleted");
        assertEquals(4, store.load().backups().size(), "refused entries stay, to be corrected");

        var health = new HealthService(store, db -> null).check(now);
        assertTrue(health.checks().stream().anyMatch(c -> c.name().equals("Entries pointing outside the folder")
                && c.state() == HealthState.CRITICAL), health.checks().toString());
    }

    @Test
    void aPendingDeleteThroughASymlinkIsNeverCarriedOut() throws Exception {
        Path victim = Files.writeString(elsewhere.resolve("victim.dump"), "victim");
        Files.createSymbolicLink(folder.resolve("link"), elsewhere);
        ManifestStore store = new ManifestStore(folder);
        store.update(m -> new Manifest(Manifest.FORMAT_VERSION, null, List.of(), List.of("link/victim.dump"), null));
        new BackupDeleter(store).finishPending();
        assertTrue(Files.isRegularFile(victim));
    }
}
