package dev.lifeboat.core.restore;

import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.operations.OperationRecord;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How long loading a backup will take. Size alone misleads: 2,000 small tables (87 MB) were
 * estimated at 2.3 s and took 30 s, the time going into one commit per object. So a model of
 * both, objects and bytes, and, where a full verify's test restore or a whole restore into a new or
 * replaced database has been measured, the latest measurement: this backup's own, else the nearest of
 * the recent backups of the same database, else of any database in the folder, scaled by the model.
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
        return of(entry, strategy, recent, List::of);
    }

    /** @param restores the operations log's records (restores measured by their own duration) */
    static RestoreEstimate of(BackupEntry entry, RestoreStrategy strategy, Supplier<List<BackupEntry>> recent,
                              Supplier<List<OperationRecord>> restores) {
        Map<String, Measured> byBackup = new HashMap<>();
        for (OperationRecord op : restores.get()) {
            if (wholeRestore(op)) {
                byBackup.merge(op.backupId(), new Measured(time(op.finished()), op.durationSeconds()), Measured::later);
            }
        }
        Function<BackupEntry, Double> lastMeasured = e -> {
            Measured verified = lastVerified(e);
            Measured restored = byBackup.get(e.effectiveId());
            Measured last = verified == null ? restored : restored == null ? verified : verified.later(restored);
            return last == null ? null : last.seconds();
        };
        Double own = lastMeasured.apply(entry);
        if (own != null) {
            return new RestoreEstimate(own, "the last measured restore of this backup");
        }
        double model = model(entry, strategy);
        List<BackupEntry> measured = recent.get().stream()
                .filter(e -> !e.effectiveId().equals(entry.effectiveId()) && lastMeasured.apply(e) != null).toList();
        Comparator<BackupEntry> nearest = Comparator.comparingDouble(e -> Math.abs(Math.log(model(e, strategy) / model)));
        Optional<BackupEntry> sameDatabase = measured.stream()
                .filter(e -> Objects.equals(e.database(), entry.database())).min(nearest);
        if (sameDatabase.isPresent()) {
            BackupEntry e = sameDatabase.get();
            return new RestoreEstimate(scaled(lastMeasured.apply(e), e, model, strategy),
                    "the measured restore of " + e.effectiveId() + ", scaled to this backup's size and objects");
        }
        // No restore of this database measured yet: the model's constants were measured on one small server,
        // and a restore of another database here says how fast this machine and server are (the first
        // estimate of 2,000 tables said 11.3 s on a server that took 3.2 s).
        Optional<BackupEntry> otherDatabase = measured.stream().min(nearest);
        if (otherDatabase.isPresent()) {
            BackupEntry e = otherDatabase.get();
            return new RestoreEstimate(scaled(lastMeasured.apply(e), e, model, strategy),
                    "the measured restore of " + e.effectiveId() + " (database " + e.database()
                            + "), scaled to this backup's size and objects");
        }
        return new RestoreEstimate(Math.max(1, model), "the backup's size and number of objects");
    }

    private static double scaled(double measuredSeconds, BackupEntry measured, double model, RestoreStrategy strategy) {
        return Math.max(1, measuredSeconds * model / model(measured, strategy));
    }

    /** A measured restore and when it ended (null: unknown, older than any dated one). */
    private record Measured(OffsetDateTime at, double seconds) {
        Measured later(Measured other) {
            return other.at != null && (at == null || other.at.isAfter(at)) ? other : this;
        }
    }

    private static Measured lastVerified(BackupEntry e) {
        return e.verifications().stream().filter(v -> v.restoreSeconds() != null)
                .map(v -> new Measured(time(v.datetime()), v.restoreSeconds())).reduce((a, b) -> b).orElse(null);
    }

    /**
     * A whole restore that loaded the backup into a database of its own: its duration is what the
     * person waited (load, counts, settings, swap). Selective and in-place restores say less.
     */
    private static boolean wholeRestore(OperationRecord op) {
        return OperationRecord.RESTORE.equals(op.kind()) && OperationRecord.SUCCEEDED.equals(op.outcome())
                && op.durationSeconds() != null && op.backupId() != null
                && (RestoreMode.NEW.label().equals(op.mode()) || RestoreMode.REPLACE.label().equals(op.mode()));
    }

    private static OffsetDateTime time(String text) {
        try {
            return text == null ? null : OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
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
