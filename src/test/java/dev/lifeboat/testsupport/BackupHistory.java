package dev.lifeboat.testsupport;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.manifest.VerificationRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A believable backup history written straight into a folder's catalog: one backup a day per
 * database at 02:00 UTC, growing slowly with a little noise, every seventh one fully verified with a
 * measured restore time. For screens that need many entries (charts, wide counts) without running
 * pg_dump hundreds of times.
 */
public final class BackupHistory {
    private BackupHistory() {
    }

    /** Writes {@code days} daily backups of each database ending yesterday; the dump files are stand-ins. */
    public static void write(Path folder, List<String> databases, int days) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).withHour(2).withMinute(0).withSecond(0).withNano(0)
                .minusDays(days);
        new ManifestStore(folder).update(m -> {
            Manifest out = m;
            for (int d = 0; d < databases.size(); d++) {
                String db = databases.get(d);
                double baseMb = 40.0 * (d + 1) * (d + 1);
                for (int i = 0; i < days; i++) {
                    OffsetDateTime at = start.plusDays(i).plusMinutes(7L * d);
                    // Deterministic noise: the same picture on every run.
                    double noise = 1 + 0.04 * Math.sin(i * 1.7 + d);
                    double mb = baseMb * (1 + i * 0.004) * noise;
                    out = out.withAdded(entry(folder, db, at, mb, i % 7 == 0));
                }
            }
            return out;
        });
    }

    private static BackupEntry entry(Path folder, String db, OffsetDateTime at, double mb, boolean verified) {
        String stamp = at.format(BackupEntry.TIMESTAMP);
        String file = db + "_" + stamp + ".dump";
        try {
            Files.writeString(folder.resolve(file), "stand-in");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long bytes = (long) (mb * 1_048_576);
        double seconds = 3 + mb / 25;
        List<VerificationRecord> checks = verified
                ? List.of(new VerificationRecord(at.plusHours(1).toString(), "full", CheckStatus.PASS, seconds * 2.5,
                        seconds * 1.8, List.of(), List.of()))
                : List.of();
        // Row counts that grow with the size: the biggest database's event table passes ten million.
        List<TableStat> tables = List.of(new TableStat("public", "accounts", (long) (mb * 40), (long) (mb * 0.1 * 1_048_576)),
                new TableStat("public", "events", (long) (mb * 100_000), (long) (mb * 0.8 * 1_048_576)),
                new TableStat("public", "settings", 42L, 16_384L));
        return new BackupEntry(db + "_" + stamp, stamp, at.toString(), db, "db1.internal", 5432, "backup",
                "nightly", List.of("scheduled"), "scheduled", file, "custom", bytes, mb, sha256(db + stamp), "SHA-256", 3, "exact",
                tables, "15.15", 150015, "15", bytes * 3, seconds, 120, null, null, null, false, checks, null);
    }

    /** A hash that looks like the real thing in a screenshot (the files are not written). */
    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
