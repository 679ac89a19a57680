package dev.lifeboat.core.health;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.VerificationRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HealthServiceTest {
    @TempDir
    Path folder;

    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 21, 12, 0, 0, 0, ZoneOffset.UTC);

    private ManifestStore store;

    private BackupEntry add(String id, OffsetDateTime at, CheckStatus verified, boolean writeFile) throws Exception {
        List<VerificationRecord> v = verified == null ? List.of()
                : List.of(new VerificationRecord(at.plusMinutes(5).toString(), "full", verified, 1.0, 1.0, List.of(), null));
        BackupEntry e = new BackupEntry(id, null, at.toString(), "ledger", "h", 5432, "u", "", List.of("scheduled"),
                "scheduled", id + ".dump", "custom", 10L, 0.0, "00", "SHA-256", 0, "exact", List.of(), "15", 150000, "15",
                1L, 1.0, 1, null, null, null, false, v, null);
        if (writeFile) {
            Files.writeString(folder.resolve(e.file()), "0123456789");
        }
        store.update(m -> m.withAdded(e));
        return e;
    }

    private HealthCheck check(HealthReport r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void freshVerifiedBackupsAreOk() throws Exception {
        store = new ManifestStore(folder);
        add("b1", NOW.minusHours(3), CheckStatus.PASS, true);
        HealthReport r = new HealthService(store, db -> null).check(NOW);
        assertEquals(HealthState.OK, r.state(), r.checks().toString());
        assertEquals(0, r.state().exitCode());
    }

    @Test
    void aStaleBackupIsWarningThenCriticalAgainstItsSchedule() throws Exception {
        store = new ManifestStore(folder);
        add("b1", NOW.minusHours(40), CheckStatus.PASS, true);
        assertEquals(HealthState.WARNING, check(new HealthService(store, db -> null).check(NOW), "Newest good backup").state());
        assertEquals(HealthState.CRITICAL, check(new HealthService(store, db -> Duration.ofHours(12)).check(NOW),
                "Newest good backup").state());
        assertEquals(HealthState.OK, check(new HealthService(store, db -> Duration.ofDays(7)).check(NOW),
                "Newest good backup").state());
    }

    @Test
    void missingFilesAreCriticalAndOrphansAWarning() throws Exception {
        store = new ManifestStore(folder);
        add("b1", NOW.minusHours(2), CheckStatus.PASS, true);
        add("gone", NOW.minusHours(1), CheckStatus.PASS, false);
        Files.writeString(folder.resolve("stray_20260101_000000.dump"), "x");
        HealthReport r = new HealthService(store, db -> null).check(NOW);
        assertEquals(HealthState.CRITICAL, check(r, "Files missing for entries").state());
        assertEquals("gone.dump", check(r, "Files missing for entries").detail());
        assertEquals(HealthState.WARNING, check(r, "Files without entries").state());
        assertEquals(HealthState.CRITICAL, r.state());
        assertEquals(2, r.state().exitCode());
    }

    @Test
    void aFailedVerificationOfTheNewestBackupIsCriticalAndNeverVerifiedAWarning() throws Exception {
        store = new ManifestStore(folder);
        add("old", NOW.minusHours(5), null, true);
        HealthReport never = new HealthService(store, db -> null).check(NOW);
        assertEquals(HealthState.WARNING, check(never, "Last successful verification").state());
        add("new", NOW.minusHours(1), CheckStatus.FAIL, true);
        HealthReport failed = new HealthService(store, db -> null).check(NOW);
        assertEquals(HealthState.CRITICAL, check(failed, "Failed verifications").state());
        assertEquals(HealthState.OK, check(failed, "Newest good backup").state(), "the older backup is still good");
    }
}
