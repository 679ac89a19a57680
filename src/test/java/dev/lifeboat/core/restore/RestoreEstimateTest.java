package dev.lifeboat.core.restore;

import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.VerificationRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Where a plan's time estimate comes from when this backup has never been restored. */
class RestoreEstimateTest {
    private static final RestoreStrategy ONE = new RestoreStrategy(RestoreStrategy.Kind.SINGLE_TRANSACTION, 1, 0, "test");

    private static BackupEntry entry(String id, String database, int tocEntries, long databaseBytes, Double restored) {
        List<VerificationRecord> checks = restored == null ? List.of()
                : List.of(new VerificationRecord("2026-12-01T02:00:00Z", "full", CheckStatus.PASS, restored + 1, restored,
                        List.of(), List.of()));
        return new BackupEntry(id, "20261201_020000", "2026-12-01T02:00:00Z", database, "db1", 5432, "backup", null,
                List.of(), "manual", id + ".dump", "custom", databaseBytes / 5, databaseBytes / 5e6, "0".repeat(64),
                "SHA-256", 1, "exact", List.of(), "15.15", 150015, "15", databaseBytes, 1.0, tocEntries, null, null, null,
                false, checks, null, null, null);
    }

    @Test
    void withNoMeasurementTheModelEstimates() {
        BackupEntry mine = entry("tenants_1", "tenants", 6000, 90_000_000L, null);
        RestoreEstimate e = RestoreEstimate.of(mine, ONE, List::of);
        assertEquals("the backup's size and number of objects", e.basis());
        assertEquals(RestoreEstimate.model(mine, ONE), e.seconds(), 1e-9);
    }

    @Test
    void aMeasuredRestoreOfAnotherDatabaseCalibratesTheFirstEstimate() {
        BackupEntry mine = entry("tenants_1", "tenants", 6000, 90_000_000L, null);
        // this machine restored a similar archive of another database in a third of the model's time
        BackupEntry other = entry("shop_1", "shop", 6000, 90_000_000L, RestoreEstimate.model(mine, ONE) / 3);
        BackupEntry far = entry("warehouse_1", "warehouse", 8, 30_000_000_000L, 100.0);
        RestoreEstimate e = RestoreEstimate.of(mine, ONE, () -> List.of(far, other, mine));
        assertEquals("the measured restore of shop_1 (database shop), scaled to this backup's size and objects",
                e.basis());
        assertEquals(RestoreEstimate.model(mine, ONE) / 3, e.seconds(), 1e-9);
    }

    @Test
    void theSameDatabaseIsPreferredToANearerOtherOne() {
        BackupEntry mine = entry("tenants_2", "tenants", 6000, 90_000_000L, null);
        BackupEntry older = entry("tenants_1", "tenants", 3000, 45_000_000L, 2.0);
        BackupEntry other = entry("shop_1", "shop", 6000, 90_000_000L, 9.0);
        RestoreEstimate e = RestoreEstimate.of(mine, ONE, () -> List.of(other, older));
        assertEquals("the measured restore of tenants_1, scaled to this backup's size and objects", e.basis());
        assertEquals(4.0, e.seconds(), 1e-9);
    }
}
