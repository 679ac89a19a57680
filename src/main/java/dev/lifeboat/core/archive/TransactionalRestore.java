package dev.lifeboat.core.archive;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ProcessRunner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Restores an archive into an existing database in one transaction, between SQL of Lifeboat's own
 * (clearing what the archive will recreate, putting keys back): pg_restore writes the script, psql runs it behind a
 * BEGIN with a savepoint per statement. When the script has run, Lifeboat commits only if every
 * error was one {@link ToleratedErrors} names; otherwise it rolls back and the target is as it was.
 * The script streams through the one relay {@link CountedRestore} uses ({@link HeldBackTail}), so no
 * copy of the data lands on disk.
 */
public final class TransactionalRestore {
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
        // The first error that is not tolerated ends psql's input: the rest would be rolled back anyway.
        HeldBackTail script = new HeldBackTail(utf8("BEGIN;\n" + prefixSql + "\n"), () -> !collector.errors().isEmpty(),
                new Decision(utf8("\n" + suffixSql + "\n\\warn " + marker + "\n"), collector, reachedEnd, psqlDone, committed));
        run.stdinFrom(() -> {
            script.startGenerator(generate, cancel);
            return script;
        });
        ProcessRunner.Result r;
        try {
            r = ProcessRunner.run(run, cancel);
        } finally {
            psqlDone.set(true);
            script.close(); // psql is gone: pg_restore, if still writing, meets a closed pipe
        }
        ProcessRunner.Result gen = script.awaitGenerator();
        List<String> errors = new ArrayList<>(collector.errors());
        // psql stopping at an error closes pg_restore's pipe: then psql's error is the cause, not pg_restore
        if (!gen.ok() && errors.isEmpty()) {
            errors.add("pg_restore could not read the archive: " + gen.summary());
        }
        boolean ok = r.ok() && committed.get() && errors.isEmpty();
        if (!ok && errors.isEmpty()) {
            errors.add("the restore script did not run to its end: " + r.summary());
        }
        return new ArchiveRestorer.Outcome(r, ok, errors, collector.warnings());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * After the script: Lifeboat's own SQL and a marker psql echoes on stderr once it has run all
     * before it; then COMMIT only when no error but tolerated ones occurred, else ROLLBACK. Asked for
     * on the thread that feeds psql, which waits here while psql works through what it was given.
     */
    private static final class Decision implements HeldBackTail.Ending {
        private final byte[] suffix;
        private final ToleratedErrors.Collector collector;
        private final CountDownLatch reachedEnd;
        private final AtomicBoolean psqlDone;
        private final AtomicBoolean committed;
        private int step;

        Decision(byte[] suffix, ToleratedErrors.Collector collector, CountDownLatch reachedEnd, AtomicBoolean psqlDone,
                 AtomicBoolean committed) {
            this.suffix = suffix;
            this.collector = collector;
            this.reachedEnd = reachedEnd;
            this.psqlDone = psqlDone;
            this.committed = committed;
        }

        @Override
        public byte[] next() throws IOException {
            step++;
            if (step == 1) {
                return suffix;
            }
            if (step > 2) {
                return null;
            }
            try {
                while (!reachedEnd.await(200, TimeUnit.MILLISECONDS)) {
                    if (psqlDone.get()) {
                        return null;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while psql ran the script", e);
            }
            if (collector.errors().isEmpty()) {
                committed.set(true);
                return utf8("COMMIT;\n");
            }
            return utf8("ROLLBACK;\n");
        }
    }
}
