package dev.lifeboat.core.archive;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ProcessRunner;
import dev.lifeboat.core.pg.ToolInstallation;

import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final Pattern IGNORED = Pattern.compile("errors ignored on restore: (\\d+)");
    private final PgToolLocator tools;

    public ArchiveRestorer(PgToolLocator tools) {
        this.tools = tools;
    }

    /**
     * How to restore.
     *
     * @param jobs         parallel pg_restore jobs (1: serial)
     * @param noOwner      leave ownership out: objects belong to the user who restores (pg_restore --no-owner)
     * @param noPrivileges leave grants out (pg_restore --no-privileges)
     * @param listFile     a pg_restore -L list of the entries to restore, or null for all
     * @param dataOnly     restore data only
     */
    public record Options(int jobs, boolean noOwner, boolean noPrivileges, Path listFile, boolean dataOnly) {
        public static Options testRestore(int jobs) {
            return new Options(jobs, true, true, null, false);
        }
    }

    /**
     * How a restore went: pg_restore's or psql's exit code, the errors that fail it, and warnings
     * for the errors {@link ToleratedErrors} names.
     */
    public record Outcome(ProcessRunner.Result process, boolean ok, List<String> errors, List<String> warnings) {
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
     * Restores into the target as pg_restore does, several jobs at once: an error does not stop it,
     * so the outcome fails unless every error was a tolerated one.
     */
    public Outcome restore(Path file, BackupFormat format, ConnectionSpec target, Options options,
                           List<TableStat> tables, ProgressListener progress, CancelToken cancel) {
        TableProgress tableProgress = new TableProgress(tables == null ? List.of() : tables, progress, 0, 1);
        ToleratedErrors.Collector collector = new ToleratedErrors.Collector();
        if (format == BackupFormat.CUSTOM) {
            ToolInstallation pgRestore = tools.require(PgTool.PG_RESTORE, 0);
            List<String> args = new ArrayList<>(List.of("--verbose", "--dbname=" + target.toConninfo()));
            if (options.jobs() > 1) {
                args.add("--jobs=" + options.jobs());
            }
            args.addAll(selectionArgs(options));
            args.add(file.toString());
            int[] ignored = {0};
            ProcessRunner.Result r = ProcessRunner.run(new ProcessRunner.Invocation(pgRestore, args)
                    .connection(target)
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
