package dev.lifeboat.core.archive;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ProcessRunner;
import dev.lifeboat.core.util.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;

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
    private static final Pattern COPY_TAG = Pattern.compile("COPY (\\d+)");

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
        List<TableStat> dataEntries = DataEntries.inRestoreOrder(archive, options.listFile());
        TableProgress tableProgress = new TableProgress(tables == null ? List.of() : tables, progress, 0, 1);
        ToleratedErrors.Collector collector = new ToleratedErrors.Collector();
        List<String> genArgs = new ArrayList<>(List.of("--verbose", "--single-transaction", "--file=-"));
        genArgs.addAll(ArchiveRestorer.selectionArgs(options));
        genArgs.add(archive.toString());
        ProcessRunner.Invocation generate = new ProcessRunner.Invocation(tools.require(PgTool.PG_RESTORE, 0), genArgs)
                .onStderrLine(tableProgress::onLine)
                .progressLinesAtDebug();
        List<Long> tags = new ArrayList<>();
        String[] lastLine = {null};
        HeldBackTail script = new HeldBackTail();
        CompletableFuture<ProcessRunner.Result> generated = new CompletableFuture<>();
        ProcessRunner.Invocation run = new ProcessRunner.Invocation(tools.require(PgTool.PSQL, 0),
                List.of("--no-psqlrc", "--set=ON_ERROR_STOP=1", "--set=VERBOSITY=default", "--tuples-only",
                        "--no-align", "--dbname=" + target.toConninfo(), "--file=-"))
                .connection(target)
                .onStderrLine(collector::onLine)
                .stdout(out -> readTags(out, tags, lastLine));
        run.stdinFrom(() -> {
            startGenerator(generate, script, generated, cancel);
            return script;
        });
        ProcessRunner.Result r;
        try {
            r = ProcessRunner.run(run, cancel);
        } finally {
            script.close(); // psql is gone: pg_restore, if still writing, meets a closed pipe
        }
        ProcessRunner.Result gen = awaitGenerator(generated);
        boolean committed = "COMMIT".equals(lastLine[0]);
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
        List<TableStat> loaded = ok ? match(dataEntries, tags) : null;
        return new ArchiveRestorer.Outcome(pgRestoreFailed ? gen : r, ok, errors, collector.warnings(), loaded);
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

    /** psql's stdout: a command tag per statement; only an exact {@code COPY n} line is a count. */
    private static void readTags(InputStream out, List<Long> tags, String[] lastLine) {
        BufferedReader r = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
        try {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isEmpty()) {
                    continue;
                }
                if (COPY_TAG.matcher(line).matches()) {
                    tags.add(Long.parseLong(line.substring(5)));
                }
                lastLine[0] = line;
            }
        } catch (IOException e) {
            // Killing psql (when pg_restore failed) closes its streams under this read: its exit code tells what happened.
            LOG.debug("psql's output ended: {}", e.toString());
            lastLine[0] = null;
        }
    }

    /** Runs pg_restore on a thread of its own; its stdout is handed to the script psql reads. */
    private static void startGenerator(ProcessRunner.Invocation generate, HeldBackTail script,
                                       CompletableFuture<ProcessRunner.Result> generated, CancelToken cancel) {
        // Its log lines carry the operation id of the restore that started it (MDC), as every helper thread's do.
        Runnable work = () -> LogContext.carried(() -> {
            try {
                ProcessRunner.Result g = ProcessRunner.run(generate.stdout(script::readFrom), cancel);
                script.finished(g.ok());
                generated.complete(g);
            } catch (RuntimeException e) {
                script.finished(false);
                generated.completeExceptionally(e);
            }
            return null;
        }).get();
        Thread producer = new Thread(work, "restore-script");
        producer.setDaemon(true);
        producer.start();
    }

    private static ProcessRunner.Result awaitGenerator(CompletableFuture<ProcessRunner.Result> generated) {
        try {
            return generated.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw dev.lifeboat.core.LifeboatException.cancelled("The restore");
        }
    }
}
