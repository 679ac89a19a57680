package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.importer.ImportService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.VerifyReport;
import dev.lifeboat.core.verify.VerifyService;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restore-strategy rule (decision 011), and restores and full verifies that follow it. */
@ExtendWith(PgExtension.class)
class RestoreStrategyTest {
    private static final long MB = 1L << 20;

    @TempDir
    Path folder;

    @TempDir
    Path elsewhere;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    @Test
    void manySmallObjectsRestoreInOneTransactionAndFewLargeTablesInParallel() {
        // 2,000 small tables: 8,000 entries, 87 MB
        RestoreStrategy many = RestoreStrategy.choose(8000, 87 * MB, 15, 2, 0, 6400 * 2);
        assertEquals(RestoreStrategy.Kind.SINGLE_TRANSACTION, many.kind());
        assertEquals(List.of("--single-transaction"), many.args());
        assertTrue(many.reason().contains("8,000 archive entries"), many.reason());
        // pgbench scale 50: 17 entries, 750 MB
        RestoreStrategy large = RestoreStrategy.choose(17, 750 * MB, 15, 2, 0, 6400);
        assertEquals(RestoreStrategy.Kind.PARALLEL, large.kind());
        assertEquals(List.of("--jobs=2"), large.args());
        // 300 tables of 20 MB each: parallel despite the many entries
        assertEquals(RestoreStrategy.Kind.PARALLEL, RestoreStrategy.choose(900, 6000 * MB, 15, 4, 0, 6400).kind());
    }

    @Test
    void oneTableHoldingMostOfTheDataRestoresInOneTransactionAndComparableTablesInParallel() {
        // pgbench scale 30: 11 entries, 460 MB, 99% of it pgbench_accounts: -j 2 has nothing to share
        RestoreStrategy.Largest accounts = RestoreStrategy.Largest.of(List.of(
                new TableStat("public", "pgbench_accounts", 3_000_000L, 400 * MB),
                new TableStat("public", "pgbench_branches", 30L, 8192L),
                new TableStat("public", "pgbench_tellers", 300L, 16384L),
                new TableStat("public", "pgbench_history", 0L, 0L)));
        assertEquals("public.pgbench_accounts", accounts.table());
        assertTrue(accounts.share() > 0.99, "share " + accounts.share());
        for (int major : new int[]{15, 17}) {
            RestoreStrategy one = RestoreStrategy.choose(11, 460 * MB, accounts, major, 2, 0, 6400);
            assertEquals(RestoreStrategy.Kind.SINGLE_TRANSACTION, one.kind());
            assertEquals(List.of("--single-transaction"), one.args());
            assertTrue(one.reason().startsWith("public.pgbench_accounts holds 99% of the data"), one.reason());
        }
        // four tables of similar size: a second job takes half the work
        RestoreStrategy.Largest quarter = RestoreStrategy.Largest.of(List.of(new TableStat("public", "big1", 750_000L, 100 * MB),
                new TableStat("public", "big2", 750_000L, 100 * MB), new TableStat("public", "big3", 750_000L, 100 * MB),
                new TableStat("public", "big4", 750_000L, 100 * MB)));
        assertEquals(0.25, quarter.share(), 1e-9);
        RestoreStrategy shared = RestoreStrategy.choose(13, 420 * MB, quarter, 15, 2, 0, 6400);
        assertEquals(List.of("--jobs=2"), shared.args());
        assertTrue(shared.reason().contains("the largest table 25% of it"), shared.reason());
        // a jobs count asked for, or a lock table too small for the entries, still wins
        assertEquals(List.of("--jobs=3"), RestoreStrategy.choose(11, 460 * MB, accounts, 15, 2, 3, 6400).args());
        assertEquals(RestoreStrategy.Kind.PARALLEL, RestoreStrategy.choose(11, 460 * MB, accounts, 15, 2, 0, 10).kind());
    }

    @Test
    void theLargestTableIsJudgedByRowsWhenNoSizeWasRecordedAndUnknownWhenNeitherWas() {
        // sizes come from the catalog, 0 for tables never vacuumed or analyzed
        RestoreStrategy.Largest byRows = RestoreStrategy.Largest.of(List.of(new TableStat("s", "a", 900L, 0L),
                new TableStat("s", "b", 100L, 0L)));
        assertEquals("s.a", byRows.table());
        assertEquals(0.9, byRows.share(), 1e-9);
        assertEquals(null, RestoreStrategy.Largest.of(List.of(new TableStat("s", "a", null, 0L))));
        assertEquals(null, RestoreStrategy.Largest.of(List.of()));
        assertEquals(null, RestoreStrategy.Largest.of(null));
    }

    @Test
    void pgRestore17CommitsInBatchesWithJobs() {
        RestoreStrategy s = RestoreStrategy.choose(8000, 87 * MB, 17, 2, 0, 6400);
        assertEquals(RestoreStrategy.Kind.BATCHED_TRANSACTIONS, s.kind());
        assertEquals(List.of("--jobs=2", "--transaction-size=1000"), s.args());
    }

    @Test
    void aLockTableTooSmallForOneTransactionOrAnExplicitJobCountMeansParallel() {
        RestoreStrategy locks = RestoreStrategy.choose(8000, 87 * MB, 15, 2, 0, 6400);
        assertEquals(RestoreStrategy.Kind.PARALLEL, locks.kind());
        assertTrue(locks.reason().contains("lock table"), locks.reason());
        RestoreStrategy asked = RestoreStrategy.choose(8000, 87 * MB, 15, 2, 3, 64000);
        assertEquals(List.of("--jobs=3"), asked.args());
        assertEquals(RestoreStrategy.Kind.PARALLEL, RestoreStrategy.choose(null, null, 15, 2, 0, 0).kind());
    }

    private static void manyTables(TestDatabase db, int n) {
        db.execute("DO $$ BEGIN FOR i IN 1.." + n + " LOOP EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY, v text)', i); "
                + "EXECUTE format('INSERT INTO t%s SELECT g, md5(g::text) FROM generate_series(1, %s) g', i, i % 7); "
                + "END LOOP; END $$");
    }

    @Test
    void aRestoreOfManySmallTablesRunsInOneTransactionAndItsPlanAndFullVerifySaySo(TestDatabase db) {
        manyTables(db, 120);
        ManifestStore store = new ManifestStore(folder);
        BackupEntry e = new BackupService(store, tools).create(BackupRequest.of(db.spec(), "many"), ProgressListener.NONE,
                CancelToken.none());
        assertTrue(e.tocEntries() >= 200, "entries: " + e.tocEntries());
        RestoreService service = new RestoreService(store, tools, s -> false);
        String fresh = db.name() + "_one";
        RestoreRequest req = new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, fresh, List.of(), List.of(), false, 0,
                false, null, false);
        RestorePlan plan = service.plan(req, CancelToken.none());
        assertEquals(RestoreStrategy.Kind.SINGLE_TRANSACTION, plan.strategy().kind());
        assertTrue(plan.steps().stream().anyMatch(s -> s.contains("in one transaction (")), plan.steps().toString());
        assertEquals("the backup's size and number of objects", plan.estimateBasis());

        RestoreResult r = service.restore(req, ProgressListener.NONE, CancelToken.none());
        assertEquals(120, r.tables().size());
        assertTrue(r.tables().stream().allMatch(c -> c.status() == CheckStatus.PASS), r.tables().toString());
        // one transaction wrote every row: they all carry its id
        assertEquals(1, TestServer.queryLong(db.spec().withDatabase(fresh), "SELECT count(DISTINCT x) FROM ("
                + unionOfXmin(120) + ") s"));
        assertEquals(expectedRows(120), TestServer.queryLong(db.spec().withDatabase(fresh),
                "SELECT sum(n) FROM (" + unionOfCounts(120) + ") s"));

        VerifyReport full = new VerifyService(store, tools).verify(e.id(), VerifyDepth.FULL, db.server().admin(),
                ProgressListener.NONE, CancelToken.none());
        CheckResult measured = full.checks().stream().filter(c -> c.name().equals("Measured restore time")).findFirst()
                .orElseThrow();
        assertTrue(measured.detail().contains("in one transaction"), measured.detail());
        assertEquals(CheckStatus.PASS, full.outcome(), full.checks().toString());
        RestorePlan again = service.plan(new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, fresh + "2", List.of(),
                List.of(), false, 0, false, null, false), CancelToken.none());
        assertEquals("the last measured restore of this backup", again.estimateBasis());
        // a later backup of the same database, never test-restored, is estimated from that measurement
        BackupEntry later = new BackupService(store, tools).create(BackupRequest.of(db.spec(), "later"),
                ProgressListener.NONE, CancelToken.none());
        RestorePlan similar = service.plan(new RestoreRequest(later.id(), db.spec(), RestoreMode.NEW, fresh + "3",
                List.of(), List.of(), false, 0, false, null, false), CancelToken.none());
        assertEquals("the measured restore of " + e.effectiveId() + ", scaled to this backup's size and objects",
                similar.estimateBasis());
    }

    @Test
    void aDatabaseOfOneLargeTableRestoresInOneTransactionAndItsFullVerifyCountsItThere(TestDatabase db) {
        db.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance int, filler text)");
        db.execute("INSERT INTO accounts SELECT g, g % 1000, repeat('x', 80) FROM generate_series(1, 40000) g");
        db.execute("CREATE TABLE branches (id int PRIMARY KEY, balance int)");
        db.execute("INSERT INTO branches SELECT g, 0 FROM generate_series(1, 4) g");
        db.execute("VACUUM ANALYZE"); // sizes in the catalog, as after pgbench -i
        ManifestStore store = new ManifestStore(folder);
        BackupEntry e = new BackupService(store, tools).create(BackupRequest.of(db.spec(), "one large"),
                ProgressListener.NONE, CancelToken.none());
        RestoreService service = new RestoreService(store, tools, s -> false);
        String fresh = db.name() + "_large";
        RestoreRequest req = new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, fresh, List.of(), List.of(), false, 0,
                false, null, false);
        RestorePlan plan = service.plan(req, CancelToken.none());
        assertEquals(RestoreStrategy.Kind.SINGLE_TRANSACTION, plan.strategy().kind(), plan.strategy().reason());
        assertTrue(plan.steps().stream().anyMatch(s -> s.contains("in one transaction (public.accounts holds 99% of the "
                + "data")), plan.steps().toString());

        assertEquals("the backup's size and number of objects", plan.estimateBasis());
        RestoreResult r = service.restore(req, ProgressListener.NONE, CancelToken.none());
        assertTrue(r.tables().stream().allMatch(c -> c.status() == CheckStatus.PASS), r.tables().toString());
        // the restore's own duration estimates the next restore of this backup
        RestorePlan next = service.plan(new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, fresh + "2", List.of(),
                List.of(), false, 0, false, null, false), CancelToken.none());
        assertEquals("the last measured restore of this backup", next.estimateBasis());
        assertEquals(r.durationSeconds(), next.estimatedSeconds(), 0.051);
        ConnectionSpec restored = db.spec().withDatabase(fresh);
        assertEquals(40000, TestServer.queryLong(restored, "SELECT count(*) FROM accounts"));
        // one transaction wrote both tables
        assertEquals(1, TestServer.queryLong(restored, "SELECT count(DISTINCT x) FROM (SELECT xmin::text AS x FROM "
                + "accounts UNION ALL SELECT xmin::text FROM branches) s"));

        VerifyReport full = new VerifyService(store, tools).verify(e.id(), VerifyDepth.FULL, db.server().admin(),
                ProgressListener.NONE, CancelToken.none());
        assertEquals(CheckStatus.PASS, full.outcome(), full.checks().toString());
        CheckResult measured = full.checks().stream().filter(c -> c.name().equals("Measured restore time")).findFirst()
                .orElseThrow();
        assertTrue(measured.detail().contains("in one transaction (public.accounts holds"), measured.detail());
    }

    @Test
    void aToleratedErrorStoppingTheOneTransactionRestoresAgainWithParallelJobs(TestDatabase db) throws Exception {
        manyTables(db, 120);
        // pg_dump -n public writes CREATE SCHEMA public, which a new database already has: a tolerated error
        Path archive = elsewhere.resolve("many_public.dump");
        ProcessBuilder pb = new ProcessBuilder("pg_dump", "-Fc", "-n", "public", "-f", archive.toString(),
                "--dbname=" + db.spec().toConninfo()).redirectErrorStream(true);
        db.spec().password().ifPresent(pw -> pb.environment().put("PGPASSWORD", pw));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        ManifestStore store = new ManifestStore(folder);
        BackupEntry e = new ImportService(store, tools).importFiles(List.of(archive), ProgressListener.NONE,
                CancelToken.none()).added().get(0);
        RestoreService service = new RestoreService(store, tools, s -> false);
        String fresh = db.name() + "_again";
        RestoreRequest req = new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, fresh, List.of(), List.of(), false, 0,
                false, null, false);
        assertEquals(RestoreStrategy.Kind.SINGLE_TRANSACTION, service.plan(req, CancelToken.none()).strategy().kind());
        RestoreResult r = service.restore(req, ProgressListener.NONE, CancelToken.none());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("existing public schema")), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("Restored with parallel jobs after the restore in one "
                + "transaction stopped")), r.warnings().toString());
        assertEquals(expectedRows(120), TestServer.queryLong(db.spec().withDatabase(fresh),
                "SELECT sum(n) FROM (" + unionOfCounts(120) + ") s"));
    }

    private static long expectedRows(int n) {
        long sum = 0;
        for (int i = 1; i <= n; i++) {
            sum += i % 7;
        }
        return sum;
    }

    private static String unionOfCounts(int n) {
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sql.append(i > 1 ? " UNION ALL " : "").append("SELECT count(*) AS n FROM t").append(i);
        }
        return sql.toString();
    }

    private static String unionOfXmin(int n) {
        StringBuilder sql = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            sql.append(i > 1 ? " UNION ALL " : "").append("SELECT xmin::text AS x FROM t").append(i);
        }
        return sql.toString();
    }
}
