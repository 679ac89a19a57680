package dev.lifeboat.core.health;

import dev.lifeboat.core.destination.DestinationConfig;
import dev.lifeboat.core.destination.DestinationStore;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CopyRecord;
import dev.lifeboat.core.manifest.CopyState;
import dev.lifeboat.core.manifest.ManifestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Health once a folder has destinations: where the newest backup has no copy, and copies that failed. */
class OffsiteHealthTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 21, 12, 0, 0, 0, ZoneOffset.UTC);

    @TempDir
    Path folder;

    private ManifestStore store() {
        return new ManifestStore(folder);
    }

    private void add(String id, OffsetDateTime at) throws Exception {
        BackupEntry e = new BackupEntry(id, null, at.toString(), "ledger", "h", 5432, "u", "", List.of("scheduled"),
                "scheduled", id + ".dump", "custom", 10L, 0.0, "00", "SHA-256", 0, "exact", List.of(), "15", 150000,
                "15", 1L, 1.0, 1, null, null, null, false, List.of(), null);
        Files.writeString(folder.resolve(e.file()), "0123456789");
        store().update(m -> m.withAdded(e));
    }

    private void copied(String id, CopyState state) {
        store().update(m -> m.withReplaced(id, e -> e.withCopy("nas", new CopyRecord("nas", e.file(), 10L, "00",
                NOW.toString(), NOW.toString(), state, state == CopyState.OK ? null : "read back differently"))));
    }

    private HealthCheck check(HealthReport r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void withoutDestinationsNothingIsSaidAboutCopies() throws Exception {
        add("b1", NOW.minusHours(3));
        HealthReport r = new HealthService(store(), db -> null).check(NOW);
        assertTrue(r.checks().stream().noneMatch(c -> c.name().contains("ff-site")), r.checks().toString());
    }

    @Test
    void newestBackupWithoutACopyWarnsAndAFailedCopyIsCritical() throws Exception {
        new DestinationStore(folder).add(new DestinationConfig("nas", folder.resolveSibling("nas").toUri().toString(),
                null, null, null, null, true, null));
        add("b1", NOW.minusHours(27));
        add("b2", NOW.minusHours(3));
        copied("b1", CopyState.OK);
        HealthReport r = new HealthService(store(), db -> null).check(NOW);
        HealthCheck newest = check(r, "Off-site copy of the newest backup");
        assertEquals(HealthState.WARNING, newest.state());
        assertTrue(newest.detail().contains("b2"), newest.detail());

        copied("b2", CopyState.OK);
        copied("b1", CopyState.FAILED);
        r = new HealthService(store(), db -> null).check(NOW);
        assertEquals(HealthState.OK, check(r, "Off-site copy of the newest backup").state());
        HealthCheck failed = check(r, "Off-site copies failing their check");
        assertEquals(HealthState.CRITICAL, failed.state());
        assertTrue(failed.detail().contains("b1 at nas"), failed.detail());
    }
}
