package dev.lifeboat.core.archive;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.RawTools;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The archive's check running beside the load (decision 011): a restore in one transaction holds
 * its COMMIT until the check passed, and one that commits as it goes starts only after it.
 */
@ExtendWith(PgExtension.class)
class CommitGateTest {
    private static final RestoreStrategy ONE = new RestoreStrategy(RestoreStrategy.Kind.SINGLE_TRANSACTION, 1, 0, "test");
    private static final RestoreStrategy TWO_JOBS = new RestoreStrategy(RestoreStrategy.Kind.PARALLEL, 2, 0, "test");

    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private Path archive(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE big (id int PRIMARY KEY, filler text)",
                "INSERT INTO big SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 100000) g",
                "CREATE TABLE small (id int)", "INSERT INTO small SELECT generate_series(1, 7)");
        return RawTools.dump(db, folder);
    }

    private static ConnectionSpec emptyDatabase(TestDatabase db, String suffix) {
        String name = db.name() + suffix;
        TestServer.execute(db.server().admin(), "CREATE DATABASE " + name);
        return db.spec().withDatabase(name);
    }

    private ArchiveRestorer.Outcome restore(Path archive, ConnectionSpec target, RestoreStrategy strategy, CommitGate gate) {
        return new ArchiveRestorer(tools).restore(archive, BackupFormat.CUSTOM, target,
                new ArchiveRestorer.Options(strategy, true, true, null, false).withGate(gate), List.of(),
                ProgressListener.NONE, CancelToken.none());
    }

    private static long tables(ConnectionSpec target) {
        return TestServer.queryLong(target, "SELECT count(*) FROM pg_class WHERE relname IN ('big', 'small')");
    }

    /** Completes the check with the given result once a pg_restore of this process was seen and has exited. */
    private static CompletableFuture<String> afterPgRestoreExited(String result, AtomicBoolean seen) {
        CompletableFuture<String> check = new CompletableFuture<>();
        Thread judge = new Thread(() -> {
            long until = System.nanoTime() + 60_000_000_000L;
            while (System.nanoTime() < until) {
                boolean running = ProcessHandle.current().descendants()
                        .anyMatch(p -> p.info().command().orElse("").endsWith("pg_restore"));
                if (running) {
                    seen.set(true);
                } else if (seen.get()) {
                    break;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    break;
                }
            }
            check.complete(result);
        }, "test-judge");
        judge.setDaemon(true);
        judge.start();
        return check;
    }

    @Test
    void aCheckThatFailsAfterPgRestoreFinishedLeavesTheTransactionUncommitted(TestDatabase db) throws Exception {
        Path archive = archive(db);
        ConnectionSpec target = emptyDatabase(db, "_held");
        AtomicBoolean seen = new AtomicBoolean();

        ArchiveRestorer.Outcome r = restore(archive, target, ONE,
                CommitGate.of(afterPgRestoreExited("the archive does not match", seen)));

        assertTrue(seen.get(), "pg_restore ran before the check failed");
        assertFalse(r.ok(), r.summary());
        assertEquals(0, tables(target), "nothing of the transaction stayed");
    }

    @Test
    void aCheckThatPassesAfterPgRestoreFinishedCommitsWhatWasLoaded(TestDatabase db) throws Exception {
        Path archive = archive(db);
        ConnectionSpec target = emptyDatabase(db, "_late");
        AtomicBoolean seen = new AtomicBoolean();

        ArchiveRestorer.Outcome r = restore(archive, target, ONE, CommitGate.of(afterPgRestoreExited(null, seen)));

        assertTrue(seen.get(), "pg_restore ran before the check passed");
        assertTrue(r.ok(), r.summary());
        assertEquals(100000, TestServer.queryLong(target, "SELECT count(*) FROM big"));
    }

    @Test
    void aCheckThatFailsWhileTheScriptStreamsEndsItUncommitted(TestDatabase db) throws Exception {
        Path archive = archive(db);
        ConnectionSpec target = emptyDatabase(db, "_early");

        ArchiveRestorer.Outcome r = restore(archive, target, ONE,
                CommitGate.of(CompletableFuture.completedFuture("the archive does not match")));

        assertFalse(r.ok(), r.summary());
        assertEquals(0, tables(target));
    }

    @Test
    void parallelJobsStartOnlyOnceTheCheckPassedAndNotAtAllWhenItFailed(TestDatabase db) throws Exception {
        Path archive = archive(db);
        ConnectionSpec target = emptyDatabase(db, "_jobs");
        CompletableFuture<String> check = new CompletableFuture<>();
        AtomicBoolean started = new AtomicBoolean();
        Thread watcher = new Thread(() -> {
            for (int i = 0; i < 60 && !check.isDone(); i++) {
                if (ProcessHandle.current().descendants().anyMatch(p -> p.info().command().orElse("").endsWith("pg_restore"))) {
                    started.set(true);
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
            check.complete("the archive does not match");
        });
        watcher.start();

        ArchiveRestorer.Outcome r = restore(archive, target, TWO_JOBS, CommitGate.of(check));

        watcher.join();
        assertFalse(started.get(), "pg_restore did not start before the check ended");
        assertFalse(r.ok());
        assertEquals(List.of("the archive does not match"), r.errors());
        assertEquals(0, tables(target));
    }

    @Test
    void aCheckFromTheLoadersStartRunsOnlyOnceStartedOrWaitedFor() throws Exception {
        AtomicBoolean ran = new AtomicBoolean();
        CommitGate gate = CommitGate.checkingFromStart("test-check", () -> {
            ran.set(true);
            return "the archive does not match";
        });
        Thread.sleep(50);
        assertFalse(ran.get(), "not started before the loader");
        assertFalse(gate.failed(), "failed() does not start it");

        assertEquals("the archive does not match", gate.awaitRefusal(), "waiting for it starts it");
        assertTrue(ran.get());
        gate.start(); // a second start does nothing
        assertFalse(gate.passes());
    }

    @Test
    void aRestoreInOneTransactionStartsItsCheckOnceTheLoaderRunsAndCommitsOnlyAfterIt(TestDatabase db) throws Exception {
        Path archive = archive(db);
        ConnectionSpec target = emptyDatabase(db, "_loader");
        AtomicBoolean loaderRan = new AtomicBoolean();
        CommitGate gate = CommitGate.checkingFromStart("test-check", () -> {
            loaderRan.set(ProcessHandle.current().descendants().anyMatch(p -> p.info().command().orElse("").endsWith("psql")));
            return null;
        });

        ArchiveRestorer.Outcome r = restore(archive, target, ONE, gate);

        assertTrue(loaderRan.get(), "the check started once psql ran");
        assertTrue(r.ok(), r.summary());
        assertEquals(100000, TestServer.queryLong(target, "SELECT count(*) FROM big"));
    }

    @Test
    void aCheckFromTheLoadersStartThatFailsLeavesTheTransactionUncommitted(TestDatabase db) throws Exception {
        Path archive = archive(db);
        ConnectionSpec target = emptyDatabase(db, "_loader_bad");

        ArchiveRestorer.Outcome r = restore(archive, target, ONE,
                CommitGate.checkingFromStart("test-check", () -> "the archive does not match"));

        assertFalse(r.ok(), r.summary());
        assertEquals(0, tables(target));
    }
}
