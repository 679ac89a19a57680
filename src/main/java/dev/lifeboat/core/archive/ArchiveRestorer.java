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
import java.util.zip.GZIPInputStream;

/**
 * Loads a backup file into an existing database: pg_restore for archives, psql with ON_ERROR_STOP
 * in one transaction for SQL scripts. Progress is weighted by the table sizes recorded at backup.
 */
public final class ArchiveRestorer {
    private final PgToolLocator tools;

    public ArchiveRestorer(PgToolLocator tools) {
        this.tools = tools;
    }

    /**
     * How to restore.
     *
     * @param jobs              parallel pg_restore jobs (1: serial)
     * @param noOwner           skip ownership and grants (test restores on another server)
     * @param singleTransaction all or nothing (excludes jobs &gt; 1)
     * @param clean             drop existing objects first (in-place restore)
     * @param listFile          a pg_restore -L list of the entries to restore, or null for all
     * @param dataOnly          restore data only
     */
    public record Options(int jobs, boolean noOwner, boolean singleTransaction, boolean clean, Path listFile,
                          boolean dataOnly) {
        public static Options testRestore(int jobs) {
            return new Options(jobs, true, false, false, null, false);
        }
    }

    public ProcessRunner.Result restore(Path file, BackupFormat format, ConnectionSpec target, Options options,
                                        List<TableStat> tables, ProgressListener progress, CancelToken cancel) {
        TableProgress tableProgress = new TableProgress(tables == null ? List.of() : tables, progress, 0, 1);
        if (format == BackupFormat.CUSTOM) {
            ToolInstallation pgRestore = tools.require(PgTool.PG_RESTORE, 0);
            List<String> args = new ArrayList<>(List.of("--verbose", "--dbname=" + target.toConninfo()));
            if (options.singleTransaction()) {
                args.add("--single-transaction");
                args.add("--exit-on-error");
            } else if (options.jobs() > 1) {
                args.add("--jobs=" + options.jobs());
            }
            if (options.noOwner()) {
                args.add("--no-owner");
                args.add("--no-privileges");
            }
            if (options.clean()) {
                args.add("--clean");
                args.add("--if-exists");
            }
            if (options.dataOnly()) {
                args.add("--data-only");
            }
            if (options.listFile() != null) {
                args.add("--use-list=" + options.listFile());
            }
            args.add(file.toString());
            return ProcessRunner.run(new ProcessRunner.Invocation(pgRestore, args)
                    .connection(target)
                    .onStderrLine(tableProgress::onLine), cancel);
        }
        ToolInstallation psql = tools.require(PgTool.PSQL, 0);
        List<String> args = List.of("--no-psqlrc", "--quiet", "--set=ON_ERROR_STOP=1", "--single-transaction",
                "--dbname=" + target.toConninfo(), "--file=-");
        ProcessRunner.Invocation inv = new ProcessRunner.Invocation(psql, args).connection(target);
        inv.stdinFrom(() -> format == BackupFormat.SQL_GZ
                ? new GZIPInputStream(Files.newInputStream(file), 1 << 16)
                : Files.newInputStream(file));
        progress.step("Running the SQL script with psql");
        return ProcessRunner.run(inv, cancel);
    }
}
