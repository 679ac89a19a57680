package dev.lifeboat.core.archive;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.util.Sizes;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * How pg_restore loads an archive, chosen from the archive's shape and the tools' versions
 * (decision 011): archives of many small objects spend their time committing one object at a
 * time, which one transaction (or, from pg_restore 17, transactions of many objects) avoids;
 * archives of several large tables spend it copying rows and building indexes, which parallel jobs
 * share out table by table; where one table holds most of the data there is nothing to share and
 * one transaction is again the cheaper way. Restore and full verify use the same rule; the plan
 * says which was chosen and why.
 *
 * @param kind            how the objects are grouped into transactions
 * @param jobs            parallel pg_restore jobs (1: one connection)
 * @param transactionSize objects per transaction for {@link Kind#BATCHED_TRANSACTIONS}, else 0
 * @param reason          why, in words for the plan and the verify report
 */
public record RestoreStrategy(Kind kind, int jobs, int transactionSize, String reason) {
    /** How objects are grouped into transactions. */
    public enum Kind { SINGLE_TRANSACTION, BATCHED_TRANSACTIONS, PARALLEL }

    /**
     * Below this much data per archive entry an archive counts as "many small objects": at the
     * measured ~2 ms per committed object (2,000 tables, 8,000 entries, 22.6 s with -j 2 and
     * 11.8 s in one transaction) a second job would have to save more than that per entry.
     */
    static final long SMALL_ENTRY_BYTES = 1L << 20;
    /** Fewer entries than this restore in well under a second either way: parallel jobs as before. */
    static final int MANY_ENTRIES = 200;
    /** Objects per transaction with pg_restore 17's --transaction-size (its documentation's example). */
    static final int BATCH = 1000;
    /**
     * Parallel jobs share out tables, not the rows of one table: when the largest table holds at
     * least this share of the data, a second job has at most the rest to take on, less than the
     * one transaction saves (pgbench: 99% in pgbench_accounts; decision 011 has the numbers).
     */
    static final double DOMINANT_SHARE = 0.8;

    /**
     * The rule.
     *
     * @param tocEntries      entries in the archive's table of contents (null: unknown)
     * @param dataBytes       the database's size at backup (null: unknown)
     * @param pgRestoreMajor  the major version of the pg_restore that runs (e.g. 15, 17)
     * @param cores           processors here
     * @param requestedJobs   jobs the user asked for (0: choose)
     * @param lockSlots       the server's shared lock table size, or 0 when it could not be read
     */
    public static RestoreStrategy choose(Integer tocEntries, Long dataBytes, int pgRestoreMajor, int cores,
                                         int requestedJobs, long lockSlots) {
        return choose(tocEntries, dataBytes, null, pgRestoreMajor, cores, requestedJobs, lockSlots);
    }

    /**
     * The rule, knowing how the data is spread over the tables.
     *
     * @param largest the largest table and its share of the data (null: not recorded)
     */
    public static RestoreStrategy choose(Integer tocEntries, Long dataBytes, Largest largest, int pgRestoreMajor,
                                         int cores, int requestedJobs, long lockSlots) {
        int parallel = Math.max(1, cores);
        if (requestedJobs > 0) {
            return new RestoreStrategy(Kind.PARALLEL, requestedJobs, 0, requestedJobs + " job(s), as asked");
        }
        if (tocEntries == null || dataBytes == null) {
            return new RestoreStrategy(Kind.PARALLEL, parallel, 0, "the archive's shape is not recorded");
        }
        long perEntry = dataBytes / Math.max(1, tocEntries);
        String shape = String.format(Locale.ROOT, "%,d archive entries, %s of data per entry", tocEntries,
                Sizes.bytes(perEntry));
        boolean fitsOneTransaction = lockSlots <= 0 || tocEntries <= lockSlots;
        if ((tocEntries < MANY_ENTRIES || perEntry >= SMALL_ENTRY_BYTES) && largest != null
                && largest.share() >= DOMINANT_SHARE && fitsOneTransaction) {
            return new RestoreStrategy(Kind.SINGLE_TRANSACTION, 1, 0, String.format(Locale.ROOT,
                    "%s holds %.0f%% of the data, and one job loads a table: parallel jobs would have little "
                            + "to share", largest.table(), Math.floor(largest.share() * 100)));
        }
        if (tocEntries < MANY_ENTRIES || perEntry >= SMALL_ENTRY_BYTES) {
            String spread = largest == null ? "" : String.format(Locale.ROOT, ", the largest table %.0f%% of it",
                    Math.floor(largest.share() * 100));
            return new RestoreStrategy(Kind.PARALLEL, parallel, 0, shape + spread + ": the time goes into copying "
                    + "rows and building indexes, which parallel jobs share");
        }
        if (pgRestoreMajor >= 17) {
            return new RestoreStrategy(Kind.BATCHED_TRANSACTIONS, parallel, BATCH, shape + ": many small objects, "
                    + "committed " + BATCH + " at a time (pg_restore " + pgRestoreMajor + ")");
        }
        // Every object restored in one transaction holds a lock until the commit.
        if (!fitsOneTransaction) {
            return new RestoreStrategy(Kind.PARALLEL, parallel, 0, shape + ": many small objects, but more than "
                    + "the server's lock table holds in one transaction (" + lockSlots + ")");
        }
        return new RestoreStrategy(Kind.SINGLE_TRANSACTION, 1, 0, shape + ": many small objects, restored in one "
                + "transaction rather than one commit each");
    }

    /** The rule for a recorded backup, restored by the pg_restore found here into a server with those lock slots. */
    public static RestoreStrategy forBackup(BackupEntry entry, PgToolLocator tools,
                                            int requestedJobs, long lockSlots) {
        int major;
        try {
            major = tools.require(PgTool.PG_RESTORE, 0).majorKey() / 100;
        } catch (RuntimeException e) {
            major = 0; // preflight says what is missing
        }
        // An imported archive has no database size: its compressed size, five-fold, stands in for the data.
        Long data = entry.databaseSizeBytes() != null ? entry.databaseSizeBytes()
                : entry.sizeBytes() == null ? null : entry.sizeBytes() * 5;
        return choose(entry.tocEntries(), data, Largest.of(entry.tables()), major,
                Runtime.getRuntime().availableProcessors(), requestedJobs, lockSlots);
    }

    /**
     * The largest table of a backup and its share of the data: by the sizes recorded at backup, or
     * where those are all 0 (tables never vacuumed or analyzed) by the row counts.
     */
    public record Largest(String table, double share) {
        /** Null when the backup records no tables, or neither sizes nor rows. */
        public static Largest of(List<TableStat> tables) {
            if (tables == null || tables.isEmpty()) {
                return null;
            }
            Largest bySize = of(tables, TableStat::bytes);
            return bySize != null ? bySize : of(tables, TableStat::rows);
        }

        private static Largest of(List<TableStat> tables, Function<TableStat, Long> measure) {
            long sum = 0;
            TableStat top = null;
            long topValue = -1;
            for (TableStat t : tables) {
                Long v = measure.apply(t);
                if (v == null) {
                    return null; // a share of an unknown whole says nothing
                }
                sum += Math.max(0, v);
                if (v > topValue) {
                    top = t;
                    topValue = v;
                }
            }
            return sum <= 0 ? null : new Largest(top.qualifiedName(), (double) topValue / sum);
        }
    }

    /** The same restore as parallel jobs: what a one-transaction restore falls back to. */
    public RestoreStrategy parallelInstead(int cores, String why) {
        return new RestoreStrategy(Kind.PARALLEL, Math.max(1, cores), 0, why);
    }

    /** pg_restore's arguments for this strategy. */
    public List<String> args() {
        List<String> args = new ArrayList<>();
        if (kind == Kind.SINGLE_TRANSACTION) {
            args.add("--single-transaction");
        } else if (jobs > 1) {
            args.add("--jobs=" + jobs);
        }
        if (kind == Kind.BATCHED_TRANSACTIONS) {
            args.add("--transaction-size=" + transactionSize);
        }
        return args;
    }

    /** Short, for a plan step or a report line: "in one transaction", "with 2 parallel jobs". */
    public String label() {
        return switch (kind) {
            case SINGLE_TRANSACTION -> "in one transaction";
            case BATCHED_TRANSACTIONS -> "in transactions of " + transactionSize + " objects"
                    + (jobs > 1 ? " with " + jobs + " parallel jobs" : "");
            case PARALLEL -> jobs > 1 ? "with " + jobs + " parallel jobs" : "with one job";
        };
    }

    /**
     * Whether the server counts the rows as it loads them (COPY's command tags, {@link CountedRestore}),
     * so that no count follows the restore: an archive restored in one transaction.
     */
    public boolean countsWhileLoading() {
        return kind == Kind.SINGLE_TRANSACTION;
    }

    /** Whether an error stops the whole restore (and rolls back what the transaction did). */
    public boolean stopsAtFirstError() {
        return kind != Kind.PARALLEL;
    }

    /**
     * The server's shared lock table: max_locks_per_transaction × (max_connections +
     * max_prepared_transactions) locks for all sessions together; 0 when it cannot be read.
     */
    public static long lockSlots(Connection c) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT current_setting('max_locks_per_transaction')::bigint * (current_setting('max_connections')::bigint"
                        + " + current_setting('max_prepared_transactions')::bigint)")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            return 0;
        }
    }
}
