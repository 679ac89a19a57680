package dev.lifeboat.core.archive;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ProcessRunner;
import dev.lifeboat.core.util.LogContext;
import dev.lifeboat.core.util.SafeFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A restore in one transaction into a database of its own, whose rows the server counts as it
 * loads them (decision 011): pg_restore --single-transaction writes the script (its own BEGIN and
 * COMMIT, no other), psql runs it and prints each COPY's command tag, {@code COPY n}. Counting
 * after such a load would be the first read of every page one big transaction wrote, which sets
 * every tuple's hint bits: a third of a second at pgbench scale 30.
 *
 * <p>The script's last bytes, which hold its COMMIT, reach psql only once pg_restore has exited 0:
 * a pg_restore that dies mid-COPY leaves psql an unfinished script (psql ends a COPY at the end of
 * its input), which it runs to no COMMIT, so the server rolls everything back. The data flows from
 * pg_restore's stdout to psql's stdin through one buffer of this process; nothing lands on disk.
 */
public final class CountedRestore {
    private static final Logger LOG = LoggerFactory.getLogger(CountedRestore.class);

    private final PgToolLocator tools;

    public CountedRestore(PgToolLocator tools) {
        this.tools = tools;
    }

    /**
     * Restores the archive into the target, a database created for this restore. The outcome's
     * {@link ArchiveRestorer.Outcome#loadedRows()} holds the server's count per table, or null when
     * the tags could not be matched to the archive's data entries (then the caller counts).
     */
    public ArchiveRestorer.Outcome restore(Path archive, ConnectionSpec target, ArchiveRestorer.Options options,
                                           List<TableStat> tables, ProgressListener progress, CancelToken cancel) {
        // Read in-process while psql runs: the entries are needed only to name the tags at the end.
        CompletableFuture<List<TableStat>> dataEntries = CompletableFuture.supplyAsync(
                () -> DataEntries.inRestoreOrder(archive, options.listFile()), CountedRestore::onDaemon)
                .exceptionally(e -> {
                    LOG.info("The archive's table data entries could not be read in-process ({}): the rows are "
                            + "counted after the restore", e.toString());
                    return null;
                });
        TableProgress tableProgress = new TableProgress(tables == null ? List.of() : tables, progress, 0, 1);
        ToleratedErrors.Collector collector = new ToleratedErrors.Collector();
        List<String> genArgs = new ArrayList<>(List.of("--verbose", "--single-transaction", "--file=-"));
        genArgs.addAll(ArchiveRestorer.selectionArgs(options));
        genArgs.add(archive.toString());
        ProcessRunner.Invocation generate = new ProcessRunner.Invocation(tools.require(PgTool.PG_RESTORE, 0), genArgs)
                .onStderrLine(tableProgress::onLine)
                .progressLinesAtDebug();
        PsqlTags tags = new PsqlTags();
        // after the COMMIT, on the same session: the restored tables and their inheritance, which the row
        // check needs and would otherwise ask on a connection of its own to a database just made
        HeldBackTail script = new HeldBackTail(options.gate(), PsqlTags.TABLES.getBytes(StandardCharsets.UTF_8));
        // psql flushes a tag per statement: into a file they cost no wake-up of this process each (6,000
        // for 2,000 tables, a fifth of a second of CPU); read once psql is done.
        Path tagFile = TagFiles.create();
        List<String> psqlArgs = new ArrayList<>(List.of("--no-psqlrc", "--set=ON_ERROR_STOP=1", "--set=VERBOSITY=default",
                "--tuples-only", "--no-align", "--dbname=" + target.toConninfo(), "--file=-"));
        if (tagFile != null) {
            psqlArgs.add("--output=" + tagFile);
        }
        ProcessRunner.Invocation run = new ProcessRunner.Invocation(tools.require(PgTool.PSQL, 0), psqlArgs)
                .connection(target)
                .onStderrLine(collector::onLine);
        if (tagFile == null) {
            run.stdout(tags::read);
        }
        run.stdinFrom(() -> {
            options.gate().start(); // the archive's check, beside the load rather than before it
            return script;
        });
        ProcessRunner.Result r;
        try {
            // pg_restore first: its start (reading the archive's table of contents) overlaps psql's start and
            // connection; what it writes waits in the pipe until psql reads it
            script.startGenerator(generate, cancel);
            r = ProcessRunner.run(run, cancel);
            if (tagFile != null) {
                tags.read(tagFile);
            }
        } finally {
            script.close(); // psql is gone: pg_restore, if still writing, meets a closed pipe
            SafeFiles.deleteQuietly(tagFile);
        }
        ProcessRunner.Result gen = script.awaitGenerator();
        boolean committed = "COMMIT".equals(tags.lastTag);
        // psql stopping early (an error, a lost connection) breaks pg_restore's pipe: then psql's is the cause
        boolean pgRestoreFailed = !gen.ok() && (r.ok() || script.drained());
        List<String> errors = new ArrayList<>(collector.errors());
        if (pgRestoreFailed) {
            errors.add(gen.killed() ? "pg_restore was killed (exit code " + gen.exitCode() + ") before it finished the "
                    + "script; nothing it wrote was committed" : "pg_restore could not read the archive: " + gen.summary());
        } else if (!(r.ok() && committed) && errors.isEmpty() && collector.warnings().isEmpty()) {
            errors.add("the restore script did not run to its end: " + r.summary());
        }
        boolean ok = gen.ok() && r.ok() && committed && errors.isEmpty();
        List<TableStat> loaded = ok ? match(dataEntries.join(), tags.counts) : null;
        List<String[]> listed = ok && loaded != null ? tags.tables() : null;
        return new ArchiveRestorer.Outcome(pgRestoreFailed ? gen : r, ok, errors, collector.warnings(), loaded, listed);
    }

    /** The tags matched one to one with the data entries in the order pg_restore wrote them; null when they differ in number. */
    static List<TableStat> match(List<TableStat> dataEntries, List<Long> tags) {
        if (dataEntries == null || dataEntries.size() != tags.size()) {
            LOG.info("psql reported {} COPY tags for {} table data entries: the rows are counted after the restore",
                    tags.size(), dataEntries == null ? "unknown" : dataEntries.size());
            return null;
        }
        List<TableStat> loaded = new ArrayList<>(tags.size());
        for (int i = 0; i < tags.size(); i++) {
            TableStat t = dataEntries.get(i);
            loaded.add(new TableStat(t.schema(), t.name(), tags.get(i), null));
        }
        return List.copyOf(loaded);
    }

    /** psql's command tags, a line per statement; only an exact {@code COPY n} line is a count (see {@link PsqlTags}). */
    static void readTags(InputStream out, List<Long> tags, String[] lastLine) {
        PsqlTags read = new PsqlTags();
        read.read(out);
        tags.addAll(read.counts);
        lastLine[0] = read.lastTag;
    }

    private static void onDaemon(Runnable work) {
        Thread t = new Thread(LogContext.carried(() -> {
            work.run();
            return null;
        })::get, "restore-entries");
        t.setDaemon(true);
        t.start();
    }
}
