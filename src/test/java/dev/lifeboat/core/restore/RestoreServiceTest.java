package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.importer.ImportService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PgExtension.class)
class RestoreServiceTest {
    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private ManifestStore store() {
        return new ManifestStore(folder);
    }

    private RestoreService service() {
        return new RestoreService(store(), tools, spec -> false, spec -> spec.withPassword(TestServer.ADMIN_PASSWORD));
    }

    private BackupEntry backup(TestDatabase db) {
        return new BackupService(store(), tools).create(BackupRequest.of(db.spec(), "before changes"),
                ProgressListener.NONE, CancelToken.none());
    }

    private static RestoreRequest replace(BackupEntry e, TestDatabase db) {
        return RestoreRequest.of(e.id(), db.spec(), RestoreMode.REPLACE).withTerminateSessions(true);
    }

    private static void changeAfterBackup(TestDatabase db) {
        db.execute("DELETE FROM " + SampleData.MIXED + " WHERE id > 200",
                "INSERT INTO public.customers (name) VALUES ('after backup')",
                "CREATE TABLE public.added_later (x int)");
    }

    private static long databasesLike(TestServer server, String infix) {
        return TestServer.queryLong(server.admin(), "SELECT count(*) FROM pg_database WHERE strpos(datname, "
                + dev.lifeboat.core.pg.Pg.literal(infix) + ") > 0");
    }

    @Test
    void dryRunPlanListsTheRealRowDifferences(TestDatabase db) {
        SampleData.create(db);
        BackupEntry e = backup(db);
        changeAfterBackup(db);
        RestorePlan plan = service().plan(RestoreRequest.of(e.id(), db.spec(), null), CancelToken.none());
        assertEquals(RestoreMode.REPLACE, plan.mode());
        assertTrue(plan.allowed(), plan.problems().toString());
        TableDiff orders = plan.tables().stream().filter(t -> t.name().equals("Order Items")).findFirst().orElseThrow();
        assertEquals(200L, orders.rowsNow());
        assertEquals(250L, orders.rowsInBackup());
        assertEquals("+50 rows", orders.change());
        TableDiff customers = plan.tables().stream().filter(t -> t.name().equals("customers")).findFirst().orElseThrow();
        assertEquals("-1 row", customers.change());
        TableDiff added = plan.tables().stream().filter(t -> t.name().equals("added_later")).findFirst().orElseThrow();
        assertEquals("only in the target", added.change());
        assertEquals("flyway 2", plan.migrationInBackup());
        assertTrue(plan.steps().stream().anyMatch(s -> s.contains(plan.rollbackDatabase())));
        assertEquals(0, databasesLike(db.server(), "__lifeboat_"), "a plan changes nothing");
    }

    @Test
    void replaceSwapsInTheBackupAndRollbackBringsBackTheExactPreviousRows(TestDatabase db) {
        SampleData.create(db);
        BackupEntry e = backup(db);
        changeAfterBackup(db);
        RestoreResult result = service().restore(replace(e, db), ProgressListener.NONE, CancelToken.none());

        assertEquals(250, db.count(SampleData.MIXED));
        assertEquals(120, db.count("public.customers"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'added_later'"));
        String before = result.rollbackDatabase();
        assertNotNull(before);
        ConnectionSpec old = db.spec().withDatabase(before);
        assertTrue(db.server().databaseExists(before));
        assertEquals(0, databasesLike(db.server(), "__lifeboat_"), "no working copy left behind");
        OperationRecord op = service().operations().find(result.operationId()).orElseThrow();
        assertEquals(OperationRecord.SUCCEEDED, op.outcome());
        assertEquals(before, op.rollbackDatabase());

        service().rollback(result.operationId());
        assertEquals(200, db.count(SampleData.MIXED));
        assertEquals(121, db.count("public.customers"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'added_later'"));
        assertFalse(db.server().databaseExists(old.database()));
        LifeboatException twice = assertThrows(LifeboatException.class, () -> service().rollback(result.operationId()));
        assertTrue(twice.getMessage().contains("already used"), twice.getMessage());
    }

    @Test
    void discardDropsTheRollbackPoint(TestDatabase db) {
        SampleData.create(db);
        BackupEntry e = backup(db);
        RestoreResult result = service().restore(replace(e, db), ProgressListener.NONE, CancelToken.none());
        assertTrue(db.server().databaseExists(result.rollbackDatabase()));
        service().discard(result.operationId());
        assertFalse(db.server().databaseExists(result.rollbackDatabase()));
        assertEquals(3, service().history().size() + 1, "restore + discard recorded");
    }

    @Test
    void databaseOwnerSettingsGrantsAndCommentSurviveAReplace(TestDatabase db) {
        String role = "lb_owner_" + ProcessHandle.current().pid();
        String reader = "lb_reader_" + ProcessHandle.current().pid();
        db.execute("DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role, "DROP ROLE IF EXISTS " + reader,
                "CREATE ROLE " + reader);
        try {
            SampleData.create(db);
            db.execute("ALTER DATABASE " + db.name() + " OWNER TO " + role,
                    "ALTER DATABASE " + db.name() + " SET work_mem TO '8MB'",
                    "ALTER DATABASE " + db.name() + " SET search_path TO public, \"Sales Data\"",
                    "COMMENT ON DATABASE " + db.name() + " IS 'the ledger'",
                    "GRANT CONNECT ON DATABASE " + db.name() + " TO " + reader);
            BackupEntry e = backup(db);
            service().restore(replace(e, db), ProgressListener.NONE, CancelToken.none());
            String q = "FROM pg_database d WHERE datname = current_database()";
            assertEquals(role, db.queryString("SELECT pg_get_userbyid(d.datdba) " + q));
            assertEquals("the ledger", db.queryString("SELECT shobj_description(d.oid, 'pg_database') " + q));
            String settings = db.queryString("SELECT array_to_string(s.setconfig, ';') FROM pg_db_role_setting s "
                    + "JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = current_database()");
            assertTrue(settings.contains("work_mem=8MB"), settings);
            assertTrue(settings.contains("search_path=public, \"Sales Data\""), settings);
            String acl = db.queryString("SELECT datacl::text " + q);
            assertTrue(acl.contains(reader + "=c/" + role), acl);
        } finally {
            TestServer.execute(db.server().admin(), "ALTER DATABASE " + db.name() + " OWNER TO postgres");
            db.server().dropDerivedDatabases(db.name());
            TestServer.execute(db.server().admin(), "DROP OWNED BY " + role, "DROP ROLE IF EXISTS " + role,
                    "DROP OWNED BY " + reader, "DROP ROLE IF EXISTS " + reader);
        }
    }

    @Test
    void newModeCreatesADatabaseAndLeavesTheTargetUntouched(TestDatabase db) {
        SampleData.create(db);
        BackupEntry e = backup(db);
        changeAfterBackup(db);
        String copy = db.name() + "__copy";
        RestoreRequest req = new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, copy, List.of(), List.of(), false, 2,
                false, null, false);
        RestorePlan plan = service().plan(req, CancelToken.none());
        assertTrue(plan.tables().isEmpty(), "nothing that exists changes: " + plan.tables());
        RestoreResult r = service().restore(req, ProgressListener.NONE, CancelToken.none());
        assertEquals(copy, r.restoredDatabase());
        assertEquals(250, TestServer.queryLong(db.spec().withDatabase(copy), "SELECT count(*) FROM " + SampleData.MIXED));
        assertEquals(200, db.count(SampleData.MIXED));
        assertNull(r.rollbackDatabase());
    }

    @Test
    void inPlaceTakesASafetyBackupAndRestoresInOneTransaction(TestDatabase db) {
        SampleData.create(db);
        BackupEntry e = backup(db);
        changeAfterBackup(db);
        RestoreResult r = service().restore(RestoreRequest.of(e.id(), db.spec(), RestoreMode.IN_PLACE)
                .withTerminateSessions(true), ProgressListener.NONE, CancelToken.none());
        assertEquals(250, db.count(SampleData.MIXED));
        assertEquals(120, db.count("public.customers"));
        BackupEntry safety = store().find(r.safetyBackupId());
        assertEquals(List.of("pre-restore"), safety.tags());
        assertEquals(200L, safety.tables().stream().filter(t -> t.name().equals("Order Items")).findFirst().orElseThrow().rows());
    }

    /** A real backup of the sample with a large table, cut to two thirds and adopted as another entry. */
    private String importTruncatedBackupOf(TestDatabase db, String name) throws Exception {
        SampleData.create(db);
        SampleData.createLargeTable(db);
        BackupEntry good = backup(db);
        Path damaged = Files.createTempDirectory("lifeboat-t").resolve(name);
        Files.copy(folder.resolve(good.file()), damaged);
        try (FileChannel ch = FileChannel.open(damaged, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() * 2 / 3);
        }
        return new ImportService(store(), tools).importFiles(List.of(damaged), ProgressListener.NONE,
                CancelToken.none()).added().get(0).id();
    }

    @Test
    void restoreFromAnArchiveWithTruncatedDataLeavesTheTargetWithItsOldRows(TestDatabase db) throws Exception {
        String id = importTruncatedBackupOf(db, "damaged_20260101_000000.dump");
        db.execute("DELETE FROM public.big WHERE id > 1000");
        LifeboatException e = assertThrows(LifeboatException.class, () -> service().restore(
                RestoreRequest.of(id, db.spec(), RestoreMode.REPLACE).withTerminateSessions(true),
                ProgressListener.NONE, CancelToken.none()));
        assertEquals(ErrorCode.RESTORE_FAILED, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("target was not touched"), e.getMessage());
        assertEquals(1000, db.count("public.big"));
        assertEquals(0, databasesLike(db.server(), "__lifeboat_"));
        assertEquals(OperationRecord.FAILED, service().history().get(0).outcome());
    }

    @Test
    void inPlaceFailureRollsBackAsAWhole(TestDatabase db) throws Exception {
        String id = importTruncatedBackupOf(db, "damaged_20260102_000000.dump");
        db.execute("DELETE FROM public.big WHERE id > 1000");
        LifeboatException e = assertThrows(LifeboatException.class, () -> service().restore(
                RestoreRequest.of(id, db.spec(), RestoreMode.IN_PLACE).withTerminateSessions(true),
                ProgressListener.NONE, CancelToken.none()));
        assertEquals(ErrorCode.RESTORE_FAILED, e.code(), e.getMessage());
        assertEquals(1000, db.count("public.big"));
        assertEquals(120, db.count("public.customers"));
    }

    @Test
    void pgRestoreKilledHalfWayLeavesTheTargetIntactAndNoTemporaryDatabase(TestDatabase db) {
        SampleData.create(db);
        SampleData.createLargeTable(db);
        BackupEntry e = backup(db);
        db.execute("DELETE FROM public.big WHERE id > 10");
        List<Long> killed = new ArrayList<>();
        LifeboatException ex = assertThrows(LifeboatException.class, () -> service().restore(replace(e, db),
                (d, t, m) -> {
                    if (m != null && m.startsWith("Restoring") && killed.isEmpty()) {
                        ProcessHandle.current().descendants()
                                .filter(p -> p.info().command().orElse("").endsWith("pg_restore"))
                                .forEach(p -> {
                                    killed.add(p.pid());
                                    p.destroyForcibly();
                                });
                    }
                }, CancelToken.none()));
        assertFalse(killed.isEmpty(), "the test must have killed pg_restore");
        assertEquals(ErrorCode.RESTORE_FAILED, ex.code(), ex.getMessage());
        assertEquals(10, db.count("public.big"));
        assertEquals(0, databasesLike(db.server(), "__lifeboat_"));
        assertEquals(0, databasesLike(db.server(), "__before_"));
    }

    @Test
    void cancelHalfWayLeavesTheTargetIntact(TestDatabase db) {
        SampleData.create(db);
        SampleData.createLargeTable(db);
        BackupEntry e = backup(db);
        db.execute("DELETE FROM public.big WHERE id > 10");
        CancelToken cancel = new CancelToken();
        LifeboatException ex = assertThrows(LifeboatException.class, () -> service().restore(replace(e, db),
                (d, t, m) -> {
                    if (m != null && m.startsWith("Restoring")) {
                        cancel.cancel();
                    }
                }, cancel));
        assertEquals(ErrorCode.CANCELLED, ex.code());
        assertEquals(10, db.count("public.big"));
        assertEquals(0, databasesLike(db.server(), "__lifeboat_"));
    }

    @Test
    void userWithoutCreatedbGetsAClearMessageAndNothingChanges(TestDatabase db) {
        SampleData.create(db);
        BackupEntry e = backup(db);
        String role = "lb_nocreate_" + ProcessHandle.current().pid();
        db.execute("DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role + " LOGIN NOCREATEDB PASSWORD 'weak-pw-1'");
        try {
            ConnectionSpec weak = new ConnectionSpec(db.spec().host(), db.spec().port(), db.name(), role, "weak-pw-1",
                    Map.of());
            LifeboatException ex = assertThrows(LifeboatException.class, () -> service().restore(
                    RestoreRequest.of(e.id(), weak, RestoreMode.REPLACE).withTerminateSessions(true),
                    ProgressListener.NONE, CancelToken.none()));
            assertEquals(ErrorCode.RESTORE_REFUSED, ex.code());
            assertTrue(ex.getMessage().contains("may not create databases"), ex.getMessage());
            assertTrue(ex.getMessage().contains("CREATEDB"), ex.getMessage());
            assertEquals(0, databasesLike(db.server(), "__lifeboat_"));
        } finally {
            db.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void protectedTargetRefusesAWrongConfirmation(TestDatabase db) {
        SampleData.create(db);
        BackupEntry e = backup(db);
        RestoreService guarded = new RestoreService(store(), tools, spec -> spec.database().equals(db.name()));
        LifeboatException wrong = assertThrows(LifeboatException.class, () -> guarded.restore(
                replace(e, db).withConfirmName("yes"), ProgressListener.NONE, CancelToken.none()));
        assertEquals(ErrorCode.RESTORE_REFUSED, wrong.code());
        assertTrue(wrong.getMessage().contains("protected"), wrong.getMessage());
        RestoreResult ok = guarded.restore(replace(e, db).withConfirmName(db.name()), ProgressListener.NONE,
                CancelToken.none());
        assertNotNull(ok.rollbackDatabase());
    }

    @Test
    void sessionsOnTheTargetNeedConsent(TestDatabase db) throws Exception {
        SampleData.create(db);
        BackupEntry e = backup(db);
        try (var open = dev.lifeboat.core.pg.Pg.connect(db.spec())) {
            RestorePlan plan = service().plan(RestoreRequest.of(e.id(), db.spec(), RestoreMode.REPLACE), CancelToken.none());
            assertFalse(plan.allowed());
            assertTrue(plan.problems().get(0).contains("other session(s) are connected"), plan.problems().toString());
            assertEquals(dev.lifeboat.core.Remedy.TERMINATE_SESSIONS, plan.refusals().get(0).remedy());
            assertTrue(open.isValid(1));
        }
    }

    @Test
    void selectiveRestoreTakesWhatDependsOnTheTableWhateverItsName(TestDatabase db) {
        db.execute("CREATE TABLE public.t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at date)",
                "INSERT INTO public.t (at) SELECT date '2020-01-01' + g FROM generate_series(1, 30) g",
                "CREATE INDEX idx_when ON public.t (at)",
                "COMMENT ON INDEX public.idx_when IS 'by date'",
                "GRANT SELECT ON public.t TO PUBLIC",
                "CREATE TABLE public.t_items (t_id int, qty int)",
                "CREATE INDEX t_items_idx ON public.t_items (t_id)");
        BackupEntry e = backup(db);
        String copy = db.name() + "__t";
        RestoreRequest onlyT = new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, copy, List.of("public.t"),
                List.of(), false, 0, false, null, false);
        service().restore(onlyT, ProgressListener.NONE, CancelToken.none());

        ConnectionSpec c = db.spec().withDatabase(copy);
        assertEquals(30, TestServer.queryLong(c, "SELECT count(*) FROM public.t"));
        assertEquals(1, TestServer.queryLong(c, "SELECT count(*) FROM pg_indexes WHERE indexname = 'idx_when'"),
                "an index not named after its table comes with it");
        assertEquals(1, TestServer.queryLong(c, "SELECT count(*) FROM pg_description d JOIN pg_class i ON i.oid = d.objoid "
                + "WHERE i.relname = 'idx_when'"));
        assertEquals(0, TestServer.queryLong(c, "SELECT count(*) FROM pg_class WHERE relname IN ('t_items', 't_items_idx')"),
                "another table's index is left out, even when named like this one");
        assertEquals(1, TestServer.queryLong(c, "SELECT count(*) FROM information_schema.role_table_grants "
                + "WHERE table_name = 't' AND grantee = 'PUBLIC' AND privilege_type = 'SELECT'"), "its grants come too");
        assertEquals(31, TestServer.queryLong(c, "SELECT nextval(pg_get_serial_sequence('public.t', 'id'))"),
                "the identity sequence continues where it was");
    }

    @Test
    void selectiveRestoreBringsBackOneTableOfSeveral(TestDatabase db) {
        SampleData.create(db);
        BackupEntry e = backup(db);
        db.execute("DELETE FROM " + SampleData.UNICODE + " WHERE v > 10",
                "UPDATE public.customers SET name = 'changed' WHERE id > 110");
        RestoreRequest dataOnly = new RestoreRequest(e.id(), db.spec(), RestoreMode.IN_PLACE, null,
                List.of("ünïcødé.größe ñ"), List.of(), true, 0, true, null, false);
        service().restore(dataOnly, ProgressListener.NONE, CancelToken.none());
        assertEquals(37, db.count(SampleData.UNICODE));
        assertEquals(10, db.queryLong("SELECT count(*) FROM public.customers WHERE name = 'changed'"),
                "other tables stay as they are");

        String copy = db.name() + "__one";
        RestoreRequest intoNew = new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, copy, List.of("public.customers"),
                List.of(), false, 0, false, null, false);
        service().restore(intoNew, ProgressListener.NONE, CancelToken.none());
        ConnectionSpec c = db.spec().withDatabase(copy);
        assertEquals(120, TestServer.queryLong(c, "SELECT count(*) FROM public.customers"));
        assertEquals(0, TestServer.queryLong(c, "SELECT count(*) FROM pg_class WHERE relname = 'Order Items'"));
        assertEquals(1, TestServer.queryLong(c, "SELECT count(*) FROM pg_constraint WHERE conname = 'customers_pkey'"));
    }
}
