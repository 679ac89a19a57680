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

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Restores an archive into an existing database in one transaction, between SQL of Lifeboat's own
 * (clearing what the archive will recreate, putting keys back): pg_restore writes the script, psql runs it behind a
 * BEGIN with a savepoint per statement. When the script has run, Lifeboat commits only if every
 * error was one {@link ToleratedErrors} names; otherwise it rolls back and the target is as it was.
 * The script streams through a pipe, so no copy of the data lands on disk.
 */
public final class TransactionalRestore {
    private static final Logger LOG = LoggerFactory.getLogger(TransactionalRestore.class);

    private final PgToolLocator tools;

    public TransactionalRestore(PgToolLocator tools) {
        this.tools = tools;
    }

    public ArchiveRestorer.Outcome restore(Path archive, ConnectionSpec target, String prefixSql, String suffixSql,
                                           ArchiveRestorer.Options options, List<TableStat> tables,
                                           ProgressListener progress, CancelToken cancel) {
        String marker = "lifeboat-script-end-" + UUID.randomUUID();
        ToleratedErrors.Collector collector = new ToleratedErrors.Collector();
        CountDownLatch reachedEnd = new CountDownLatch(1);
        AtomicBoolean psqlDone = new AtomicBoolean();
        AtomicBoolean committed = new AtomicBoolean();
        AtomicReference<ProcessRunner.Result> generated = new AtomicReference<>();
        TableProgress tableProgress = new TableProgress(tables == null ? List.of() : tables, progress, 0, 1);

        List<String> genArgs = new ArrayList<>(List.of("--verbose", "--file=-"));
        genArgs.addAll(ArchiveRestorer.selectionArgs(options));
        genArgs.add(archive.toString());
        ProcessRunner.Invocation generate = new ProcessRunner.Invocation(tools.require(PgTool.PG_RESTORE, 0), genArgs)
                .onStderrLine(tableProgress::onLine)
                .progressLinesAtDebug();
        ProcessRunner.Invocation run = new ProcessRunner.Invocation(tools.require(PgTool.PSQL, 0),
                List.of("--no-psqlrc", "--quiet", "--set=ON_ERROR_ROLLBACK=on", "--set=VERBOSITY=default",
                        "--dbname=" + target.toConninfo(), "--file=-"))
                .connection(target)
                .onStderrLine(line -> {
                    if (line.strip().equals(marker)) {
                        reachedEnd.countDown();
                    } else {
                        collector.onLine(line);
                    }
                });
        run.stdinFrom(() -> {
            PipedInputStream in = new PipedInputStream(1 << 16);
            PipedOutputStream pipe = new PipedOutputStream(in);
            // Its log lines carry the operation id of the restore that started it (MDC), as every helper thread's do.
            Supplier<Void> work = LogContext.carried(() -> {
                feed(pipe, prefixSql, suffixSql, generate, generated, collector, marker, reachedEnd, psqlDone, committed, cancel);
                return null;
            });
            Thread producer = new Thread(work::get, "restore-script");
            producer.setDaemon(true);
            producer.start();
            return in;
        });
        ProcessRunner.Result r;
        try {
            r = ProcessRunner.run(run, cancel);
        } finally {
            psqlDone.set(true);
        }
        ProcessRunner.Result gen = generated.get();
        List<String> errors = new ArrayList<>(collector.errors());
        if (gen != null && !gen.ok()) {
            errors.add("pg_restore could not read the archive: " + gen.summary());
        }
        boolean ok = r.ok() && committed.get() && errors.isEmpty();
        if (!ok && errors.isEmpty()) {
            errors.add("the restore script did not run to its end: " + r.summary());
        }
        return new ArchiveRestorer.Outcome(r, ok, errors, collector.warnings());
    }

    /**
     * Writes BEGIN, the prefix and pg_restore's script into psql; then waits until psql has run it
     * all (the marker comes back on stderr) and commits only when no error but tolerated ones
     * occurred. On any failure the pipe closes without COMMIT, and psql's end rolls back.
     */
    private static void feed(PipedOutputStream pipe, String prefixSql, String suffixSql, ProcessRunner.Invocation generate,
                             AtomicReference<ProcessRunner.Result> generated, ToleratedErrors.Collector collector,
                             String marker, CountDownLatch reachedEnd, AtomicBoolean psqlDone, AtomicBoolean committed,
                             CancelToken cancel) {
        try (OutputStream out = new StopOnError(pipe, collector)) {
            out.write(("BEGIN;\n" + prefixSql + "\n").getBytes(StandardCharsets.UTF_8));
            ProcessRunner.Result g = ProcessRunner.run(generate.stdout(s -> s.transferTo(out)), cancel);
            generated.set(g);
            if (!g.ok()) {
                return;
            }
            out.write(("\n" + suffixSql + "\n\\warn " + marker + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (!reachedEnd.await(200, TimeUnit.MILLISECONDS)) {
                if (psqlDone.get()) {
                    return;
                }
            }
            if (collector.errors().isEmpty()) {
                pipe.write("COMMIT;\n".getBytes(StandardCharsets.UTF_8));
                committed.set(true);
            } else {
                pipe.write("ROLLBACK;\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("The restore script stopped: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops feeding the script at the first error that is not tolerated: the rest would be rolled back. */
    private static final class StopOnError extends FilterOutputStream {
        private final ToleratedErrors.Collector collector;

        StopOnError(OutputStream out, ToleratedErrors.Collector collector) {
            super(out);
            this.collector = collector;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!collector.errors().isEmpty()) {
                throw new IOException("the restore met an error; the transaction will be rolled back");
            }
            out.write(b, off, len);
        }
    }
}
