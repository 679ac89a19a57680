package dev.lifeboat.core.archive;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ProcessRunner;
import dev.lifeboat.core.pg.ToolInstallation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Loads a backup file into an existing database: pg_restore for archives, psql with ON_ERROR_STOP
 * in one transaction for SQL scripts. Progress is weighted by the table sizes recorded at backup.
 */
public final class ArchiveRestorer {
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveRestorer.class);
    private static final Pattern IGNORED = Pattern.compile("errors ignored on restore: (\\d+)");
    private final PgToolLocator tools;

    public ArchiveRestorer(PgToolLocator tools) {
        this.tools = tools;
    }

    /**
     * How to restore.
     *
     * @param strategy     one transaction, batches of transactions or parallel jobs ({@link RestoreStrategy})
     * @param noOwner      leave ownership out: objects belong to the user who restores (pg_restore --no-owner)
     * @param noPrivileges leave grants out (pg_restore --no-privileges)
     * @param listFile     a pg_restore -L list of the entries to restore, or null for all
     * @param dataOnly     restore data only
     * @param gate         what must pass before the restore commits (the archive's SHA-256 checked beside it)
     */
    public record Options(RestoreStrategy strategy, boolean noOwner, boolean noPrivileges, Path listFile,
                          boolean dataOnly, CommitGate gate) {
        public Options(RestoreStrategy strategy, boolean noOwner, boolean noPrivileges, Path listFile, boolean dataOnly) {
            this(strategy, noOwner, noPrivileges, listFile, dataOnly, CommitGate.open());
        }

        public static Options testRestore(RestoreStrategy strategy) {
            return new Options(strategy, true, true, null, false);
        }

        public Options withGate(CommitGate g) {
            return new Options(strategy, noOwner, noPrivileges, listFile, dataOnly, g);
        }
    }

    /**
     * Where a restored database's own tables and their inheritance parents are listed from (aliases: c the
     * table, n its schema, p and pn its parent and the parent's schema): the row check's catalog query on a
     * connection of its own, and the same list psql prints on the restore's own session ({@link PsqlTags}).
     */
    public static final String RESTORED_TABLES_FROM = """
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
            LEFT JOIN pg_class p ON p.oid = i.inhparent
            LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
            WHERE c.relkind IN ('r', 'p', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'""";

    /**
     * How a restore went: pg_restore's or psql's exit code, the errors that fail it, and warnings
     * for the errors {@link ToleratedErrors} names.
     *
     * @param loadedRows each table's rows as the server counted them while loading (COPY's command
     *                   tag, {@link CountedRestore}); null when the rows were not counted so
     * @param tables     the restored database's tables as the restore's own session listed them after its
     *                   COMMIT (schema, name, relkind, parent's schema and name), or null: the row check asks
     */
    public record Outcome(ProcessRunner.Result process, boolean ok, List<String> errors, List<String> warnings,
                          List<TableStat> loadedRows, List<String[]> tables) {
        public Outcome(ProcessRunner.Result process, boolean ok, List<String> errors, List<String> warnings) {
            this(process, ok, errors, warnings, null, null);
        }

        public int exitCode() {
            return process.exitCode();
        }

        /** The lines that explain a failure, for a message: the first errors, as later ones often follow from them. */
        public String summary() {
            if (!errors.isEmpty()) {
                return "ERROR: " + String.join("\nERROR: ", errors.subList(0, Math.min(5, errors.size())))
                        + (errors.size() > 5 ? "\n(and " + (errors.size() - 5) + " more errors)" : "");
            }
            return process.summary();
        }
    }

    /**
     * Restores into the target, a database created for this restore, as the strategy says. In
     * parallel jobs an error does not stop pg_restore, so the outcome fails unless every error was
     * a tolerated one. In one transaction the first error stops it and nothing stays; when that
     * error was a tolerated one, or the server ran out of lock space, the restore runs again with
     * parallel jobs, which tolerate what they may.
     */
    public Outcome restore(Path file, BackupFormat format, ConnectionSpec target, Options options,
                           List<TableStat> tables, ProgressListener progress, CancelToken cancel) {
        Outcome first = restoreOnce(file, format, target, options, tables, progress, cancel);
        RestoreStrategy strategy = options.strategy();
        if (first.ok() || format != BackupFormat.CUSTOM || !strategy.stopsAtFirstError() || !worthRetrying(first)
                || !options.gate().passes()) {
            return first;
        }
        cancel.throwIfCancelled("The restore");
        String why = first.errors().isEmpty() ? "a tolerated error stopped the transaction" : first.errors().get(0);
        LOG.warn("The restore {} stopped ({}); restoring again with parallel jobs", strategy.label(), why);
        if (strategy.kind() == RestoreStrategy.Kind.BATCHED_TRANSACTIONS) {
            emptyAgain(target); // earlier batches were committed
        }
        Options again = new Options(strategy.parallelInstead(Runtime.getRuntime().availableProcessors(),
                "after the restore " + strategy.label() + " stopped: " + why), options.noOwner(),
                options.noPrivileges(), options.listFile(), options.dataOnly(), options.gate());
        Outcome second = restoreOnce(file, format, target, again, tables, progress, cancel);
        List<String> warnings = new ArrayList<>(second.warnings());
        warnings.add("Restored with parallel jobs after the restore " + strategy.label() + " stopped: " + why);
        return new Outcome(second.process(), second.ok(), second.errors(), List.copyOf(warnings), second.loadedRows(), second.tables());
    }

    /** Only a stop that parallel jobs would not meet: a tolerated error, or the lock table filling up. */
    private static boolean worthRetrying(Outcome o) {
        boolean tolerated = o.errors().isEmpty() && !o.warnings().isEmpty();
        boolean locks = o.errors().stream().anyMatch(e -> e.contains("out of shared memory")
                || e.contains("max_locks_per_transaction"));
        return (tolerated || locks) && !o.process().killed();
    }

    /** Drops and creates the target database again, empty, as its restore had found it. */
    private static void emptyAgain(ConnectionSpec target) {
        try (Connection c = Databases.maintenance(target)) {
            Databases.drop(c, target.database());
            Databases.create(c, target.database(), null);
        } catch (SQLException e) {
            throw Pg.failure(ErrorCode.RESTORE_FAILED, "Emptying " + target.database() + " for a second restore failed", e);
        }
    }

    private Outcome restoreOnce(Path file, BackupFormat format, ConnectionSpec target, Options options,
                                List<TableStat> tables, ProgressListener progress, CancelToken cancel) {
        TableProgress tableProgress = new TableProgress(tables == null ? List.of() : tables, progress, 0, 1);
        ToleratedErrors.Collector collector = new ToleratedErrors.Collector();
        if (format == BackupFormat.CUSTOM && options.strategy().kind() == RestoreStrategy.Kind.SINGLE_TRANSACTION) {
            // the server counts the rows as it loads them: no count after the restore (decision 011)
            return new CountedRestore(tools).restore(file, target, options, tables, progress, cancel);
        }
        // What commits as it goes (parallel jobs, batches, a plain script) starts only once the archive was checked.
        String refused = options.gate().awaitRefusal();
        if (refused != null) {
            return new Outcome(new ProcessRunner.Result(1, List.of(refused)), false, List.of(refused), List.of());
        }
        if (format == BackupFormat.CUSTOM) {
            ToolInstallation pgRestore = tools.require(PgTool.PG_RESTORE, 0);
            List<String> args = new ArrayList<>(List.of("--verbose", "--dbname=" + target.toConninfo()));
            args.addAll(options.strategy().args());
            args.addAll(selectionArgs(options));
            args.add(file.toString());
            int[] ignored = {0};
            ProcessRunner.Result r = ProcessRunner.run(new ProcessRunner.Invocation(pgRestore, args)
                    .connection(target)
                    .progressLinesAtDebug()
                    .onStderrLine(line -> {
                        tableProgress.onLine(line);
                        collector.onLine(line);
                        Matcher m = IGNORED.matcher(line);
                        if (m.find()) {
                            ignored[0] = Integer.parseInt(m.group(1));
                        }
                    }), cancel);
            // pg_restore exits 1 after "errors ignored on restore: N"; all N tolerated is a success.
            boolean onlyTolerated = r.exitCode() == 1 && collector.errors().isEmpty() && ignored[0] > 0
                    && ignored[0] == collector.warnings().size();
            return new Outcome(r, r.ok() || onlyTolerated, collector.errors(), collector.warnings());
        }
        ToolInstallation psql = tools.require(PgTool.PSQL, 0);
        List<String> args = List.of("--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
                "--dbname=" + target.toConninfo(), "--file=-");
        ProcessRunner.Invocation inv = new ProcessRunner.Invocation(psql, args).connection(target)
                .onStderrLine(collector::onLine);
        inv.stdinFrom(() -> format == BackupFormat.SQL_GZ
                ? new GZIPInputStream(Files.newInputStream(file), 1 << 16)
                : Files.newInputStream(file));
        progress.step("Running the SQL script with psql");
        ProcessRunner.Result r = ProcessRunner.run(inv, cancel);
        return new Outcome(r, r.ok(), r.ok() ? List.of() : collector.errors(), List.of());
    }

    static List<String> selectionArgs(Options options) {
        List<String> args = new ArrayList<>();
        if (options.noOwner()) {
            args.add("--no-owner");
        }
        if (options.noPrivileges()) {
            args.add("--no-privileges");
        }
        if (options.dataOnly()) {
            args.add("--data-only");
        }
        if (options.listFile() != null) {
            args.add("--use-list=" + options.listFile());
        }
        return args;
    }
}
