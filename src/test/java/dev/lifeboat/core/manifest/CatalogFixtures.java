package dev.lifeboat.core.manifest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Realistic catalog entries (about twenty tables, a verification with its checks) for tests and the benchmark. */
public final class CatalogFixtures {
    private CatalogFixtures() {
    }

    /** The i-th hourly backup of one of a few databases, counting from 2023-01-01. */
    public static BackupEntry realistic(int i) {
        String db = "db" + (i % 3);
        java.time.OffsetDateTime at = java.time.OffsetDateTime.parse("2023-01-01T00:00:00Z").plusHours(i);
        String stamp = at.format(BackupEntry.TIMESTAMP);
        String id = db + "_" + stamp + "_" + i;
        List<TableStat> tables = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            tables.add(new TableStat("public", "table_number_" + t, 1000L * t + i, 8192L * (t + 1)));
        }
        List<CheckResult> checks = List.of(
                CheckResult.pass("Size", "12345678 bytes", "12345678 bytes"),
                CheckResult.pass("SHA-256", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"),
                CheckResult.pass("Archive readable", "pg_restore --list succeeds", "ok"),
                CheckResult.pass("Tables", "20 tables", "20 tables"));
        List<VerificationRecord> verifications = i % 3 != 0 ? List.of() : List.of(new VerificationRecord(
                at.plusMinutes(5).toString(), "quick", CheckStatus.PASS, 0.4, null, checks, null));
        return new BackupEntry(id, stamp, at.toString(), db, "db.internal.example", 5432, "backup",
                "hourly backup " + i, List.of("scheduled"), "scheduled", id + ".dump", "custom", 12_345_678L + i,
                11.77, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "SHA-256", 20, "exact",
                tables, "15.15 (Debian 15.15-1)", 150015, "15.15", 98_765_432L, 3.25, 140,
                new MigrationInfo("flyway", "flyway_schema_history", "42"), null, null, false, verifications, null);
    }

    /** A folder whose catalog holds n realistic entries, written as one snapshot. */
    public static ManifestStore seed(Path folder, int n) {
        List<BackupEntry> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(realistic(i));
        }
        ManifestStore store = new ManifestStore(folder);
        store.update(m -> new Manifest(Manifest.FORMAT_VERSION, null, list, null, null));
        return store;
    }
}
