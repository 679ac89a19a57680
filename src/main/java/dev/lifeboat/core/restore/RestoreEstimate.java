package dev.lifeboat.core.restore;

import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.VerificationRecord;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * How long loading a backup will take. Size alone misleads: 2,000 small tables (87 MB) were
 * estimated at 2.3 s and took 30 s, the time going into one commit per object. So a model of
 * both, objects and bytes, and, where a full verify has measured a test restore, that measurement:
 * this backup's own, else the nearest of the recent backups of the same database, scaled by the model.
 */
record RestoreEstimate(double seconds, String basis) {
    /** Bytes a restore loads per second, data and indexes, on a small server (measured: pgbench 40-60 MB/s). */
    private static final double BYTES_PER_SECOND = 40e6;
    /** Per archive entry, measured on 2,000 tables: 11.8 s in one transaction, 22.6 s one commit each with -j 2. */
    private static final double SECONDS_PER_ENTRY_IN_ONE_TRANSACTION = 0.0015;
    private static final double SECONDS_PER_ENTRY_COMMITTED = 0.003;
    /** Backups searched for a similar measured one: the newest, read whole; a large catalog is not read through. */
    static final int RECENT = 50;

    static RestoreEstimate of(BackupEntry entry, RestoreStrategy strategy, Supplier<List<BackupEntry>> recent) {
        Double own = lastMeasured(entry);
        if (own != null) {
            return new RestoreEstimate(own, "the last measured restore of this backup");
        }
        double model = model(entry, strategy);
        Optional<BackupEntry> similar = recent.get().stream()
                .filter(e -> !e.effectiveId().equals(entry.effectiveId()) && Objects.equals(e.database(), entry.database())
                        && lastMeasured(e) != null)
                .min(Comparator.comparingDouble(e -> Math.abs(Math.log(model(e, strategy) / model))));
        if (similar.isPresent()) {
            BackupEntry e = similar.get();
            return new RestoreEstimate(Math.max(1, lastMeasured(e) * model / model(e, strategy)),
                    "the measured restore of " + e.effectiveId() + ", scaled to this backup's size and objects");
        }
        return new RestoreEstimate(Math.max(1, model), "the backup's size and number of objects");
    }

    private static Double lastMeasured(BackupEntry e) {
        return e.verifications().stream().map(VerificationRecord::restoreSeconds).filter(Objects::nonNull)
                .reduce((a, b) -> b).orElse(null);
    }

    /** Seconds: one cost per archive entry (a commit each, unless in one transaction) plus the bytes. */
    static double model(BackupEntry e, RestoreStrategy strategy) {
        long bytes = e.databaseSizeBytes() != null ? e.databaseSizeBytes() : e.sizeBytes() == null ? 0 : e.sizeBytes() * 5;
        int entries = e.tocEntries() == null ? 0 : e.tocEntries();
        double perEntry = strategy.kind() == RestoreStrategy.Kind.PARALLEL ? SECONDS_PER_ENTRY_COMMITTED
                : SECONDS_PER_ENTRY_IN_ONE_TRANSACTION;
        return Math.max(0.1, entries * perEntry + bytes / BYTES_PER_SECOND);
    }
}
