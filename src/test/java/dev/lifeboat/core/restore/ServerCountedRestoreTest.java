package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.VerifyReport;
import dev.lifeboat.core.verify.VerifyService;
import dev.lifeboat.testsupport.AppSchema;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Restores in one transaction whose rows the server counts as it loads them (COPY's command tags,
 * decision 011), on the application-shaped database with one table holding most of the data: the
 * counts, a difference from the manifest, a pg_restore killed mid-COPY, a selective restore and a
 * full verify.
 */
@ExtendWith(PgExtension.class)
class ServerCountedRestoreTest {
    private static final String COUNTED = "Comparing the rows the server counted as it loaded them";
    private static final long EVENTS = 200_000;

    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final ProgressListener recording = (d, t, m) -> messages.add(m);

    /**
     * AppSchema, a table holding most of the data (so one transaction is the strategy), classic
     * inheritance (a parent's count includes its child's rows) and an empty table.
     */
    private BackupEntry backup(TestDatabase db) {
        AppSchema.create(db);
        db.execute("CREATE TABLE app.events (id bigint PRIMARY KEY, payload text)",
                "INSERT INTO app.events SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, " + EVENTS + ") g",
                "CREATE TABLE public.inh_parent (i int)", "CREATE TABLE public.inh_child () INHERITS (public.inh_parent)",
                "INSERT INTO public.inh_parent VALUES (1), (2)", "INSERT INTO public.inh_child VALUES (3)",
                "CREATE TABLE public.empty_one (i int)", "VACUUM ANALYZE");
        return new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "app"),
                ProgressListener.NONE, CancelToken.none());
    }

    private RestoreService service() {
        return new RestoreService(new ManifestStore(folder), tools, spec -> false);
    }

    private static RestoreRequest intoNew(BackupEntry e, TestDatabase db, String name) {
        return new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, name, List.of(), List.of(), false, 0, false, null,
                false);
    }

    private static Map<String, Long> actual(List<TableCheck> checks) {
        return checks.stream().collect(java.util.stream.Collectors.toMap(TableCheck::qualifiedName, TableCheck::actual));
    }

    @Test
    void aRestoreInOneTransactionTakesEveryTablesRowsFromTheServersCopyTags(TestDatabase db) {
        BackupEntry e = backup(db);
        String fresh = db.name() + "_tags";
        RestorePlan plan = service().plan(intoNew(e, db, fresh), CancelToken.none());
        assertEquals(RestoreStrategy.Kind.SINGLE_TRANSACTION, plan.strategy().kind(), plan.strategy().reason());
        assertTrue(plan.steps().stream().anyMatch(s -> s.contains("counted by the server as it loads them")),
                plan.steps().toString());

        RestoreResult r = service().restore(intoNew(e, db, fresh), recording, CancelToken.none());

        assertTrue(messages.contains(COUNTED), messages.toString());
        assertTrue(r.tables().stream().allMatch(c -> c.status() == CheckStatus.PASS), r.tables().toString());
        Map<String, Long> counted = actual(r.tables());
        assertEquals(EVENTS, counted.get("app.events"));
        assertEquals(3L, counted.get("public.inh_parent"), "the parent's count includes its child's rows");
        assertEquals(1L, counted.get("public.inh_child"));
        assertEquals(0L, counted.get("public.empty_one"));
        assertEquals(30L, counted.get("we\"ird sch.ema.T 1"), "a name with a quote, a space and a dot");
        assertTrue(r.rowCheck().contains("counted by the server as it loaded them"), r.rowCheck());
        AppSchema.assertRows(new TestDatabase(db.server(), db.spec().withDatabase(fresh)));
    }

    /**
     * An archive another pg_dump made of a database in LATIN1, imported: its script sets that client
     * encoding, which still holds after its COMMIT when psql lists the restored tables on the same session;
     * a non-ASCII inheritance parent must be read back whole, or its count would leave out its child's rows.
     */
    @Test
    void anImportedLatin1ArchivesNonAsciiInheritanceParentCountsItsChildsRows(TestDatabase db) throws Exception {
        String latin = db.name() + "_latin1";
        String fresh = db.name() + "_latin1_copy";
        db.execute("CREATE DATABASE " + latin + " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
        try {
            TestDatabase src = new TestDatabase(db.server(), db.spec().withDatabase(latin));
            src.execute("CREATE TABLE public.\"Größe\" (i int)",
                    "CREATE TABLE public.\"Größe_kind\" () INHERITS (public.\"Größe\")",
                    "INSERT INTO public.\"Größe\" VALUES (1), (2)", "INSERT INTO public.\"Größe_kind\" VALUES (3)",
                    // many small objects: one transaction, without the sizes an imported archive does not record
                    "DO $$ BEGIN FOR i IN 1..110 LOOP EXECUTE format('CREATE TABLE public.t%s (i int)', i); "
                            + "EXECUTE format('INSERT INTO public.t%s VALUES (1), (2)', i); END LOOP; END $$");
            Path archive = folder.resolveSibling(folder.getFileName() + "_latin1.dump");
            ProcessBuilder pb = new ProcessBuilder("pg_dump", "-Fc", "-f", archive.toString(),
                    "--dbname=" + src.spec().toConninfo()).redirectErrorStream(true);
            pb.environment().remove("PGCLIENTENCODING"); // the database's own encoding, as a DBA's pg_dump writes it
            src.spec().password().ifPresent(pw -> pb.environment().put("PGPASSWORD", pw));
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), out);
            BackupEntry e = new dev.lifeboat.core.importer.ImportService(new ManifestStore(folder), tools)
                    .importFiles(List.of(archive), ProgressListener.NONE, CancelToken.none()).added().get(0);
            RestorePlan plan = service().plan(intoNew(e, db, fresh), CancelToken.none());
            assertEquals(RestoreStrategy.Kind.SINGLE_TRANSACTION, plan.strategy().kind(), plan.strategy().reason());

            RestoreResult r = service().restore(intoNew(e, db, fresh), recording, CancelToken.none());

            Map<String, Long> counted = actual(r.tables());
            assertEquals(3L, counted.get("public.Größe"), "the parent's count includes its child's rows: " + r.tables());
            assertEquals(1L, counted.get("public.Größe_kind"));
            assertEquals(2L, counted.get("public.t110"));
            assertTrue(r.rowCheck().contains("counted by the server as it loaded them"), r.rowCheck());
        } finally {
            db.execute("DROP DATABASE IF EXISTS " + fresh, "DROP DATABASE IF EXISTS " + latin);
        }
    }

    @Test
    void rowsTheServerCountedThatDifferFromTheManifestFailTheRestoreAndDropTheNewDatabase(TestDatabase db) {
        BackupEntry e = backup(db);
        ManifestStore store = new ManifestStore(folder);
        store.update(m -> m.withReplaced(e.id(), x -> x.withTables(x.tables().stream().map(t -> switch (t.qualifiedName()) {
            case "app.customers" -> new TableStat(t.schema(), t.name(), 51L, t.bytes());
            case "public.inh_parent" -> new TableStat(t.schema(), t.name(), 2L, t.bytes());
            default -> t;
        }).toList())));
        String fresh = db.name() + "_differ";

        LifeboatException ex = assertThrows(LifeboatException.class,
                () -> service().restore(intoNew(e, db, fresh), recording, CancelToken.none()));

        assertEquals(ErrorCode.RESTORE_FAILED, ex.code());
        assertTrue(messages.contains(COUNTED), messages.toString());
        assertTrue(ex.getMessage().contains("app.customers: expected 51, found 50"), ex.getMessage());
        assertTrue(ex.getMessage().contains("public.inh_parent: expected 2, found 3"), ex.getMessage());
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_database WHERE datname = '" + fresh + "'"));
    }

    @Test
    void aPgRestoreKilledMidCopyCommitsNothingAndLeavesTheReplacedTargetUntouched(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        db.execute("INSERT INTO app.events VALUES (-1, 'written after the backup')");
        RestoreRequest req = RestoreRequest.of(e.id(), db.spec(), RestoreMode.REPLACE).withTerminateSessions(true);
        RestorePlan plan = service().plan(req, CancelToken.none());
        assertEquals(RestoreStrategy.Kind.SINGLE_TRANSACTION, plan.strategy().kind(), plan.strategy().reason());
        AtomicBoolean killed = new AtomicBoolean();
        AtomicBoolean midCopy = new AtomicBoolean();
        try (Connection watch = Pg.connect(db.server().admin())) {
            ProgressListener killer = (d, t, m) -> {
                if (m.equals("Restoring app.events") && killed.compareAndSet(false, true)) {
                    // kill -9 once the server is inside the COPY of the largest table, its rows streaming in
                    midCopy.set(awaitCopy(watch, plan.workingDatabase()));
                    ProcessHandle.current().descendants()
                            .filter(p -> p.info().command().orElse("").endsWith("pg_restore"))
                            .forEach(ProcessHandle::destroyForcibly);
                }
            };

            LifeboatException ex = assertThrows(LifeboatException.class,
                    () -> service().restore(req, plan, killer, CancelToken.none()));

            assertTrue(killed.get(), "pg_restore was killed");
            assertTrue(midCopy.get(), "the server was inside COPY app.events when pg_restore was killed");
            assertEquals(ErrorCode.RESTORE_FAILED, ex.code(), ex.getMessage());
            assertTrue(ex.getMessage().contains("pg_restore was killed"), ex.getMessage());
        }
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_database WHERE datname = '" + plan.workingDatabase() + "'"),
                "the working copy was dropped");
        assertEquals(EVENTS + 1, db.count("app.events"), "the target is as it was");
    }

    /** Whether a session of the working database runs the COPY of app.events within a few seconds. */
    private static boolean awaitCopy(Connection watch, String database) {
        try (PreparedStatement st = watch.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ? "
                + "AND state = 'active' AND query LIKE 'COPY app.events %'")) {
            st.setString(1, database);
            for (int i = 0; i < 500; i++) {
                try (ResultSet rs = st.executeQuery()) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return true;
                    }
                }
                Thread.sleep(10);
            }
            return false;
        } catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aSelectiveRestoreInOneTransactionIsCountedByTheServerToo(TestDatabase db) {
        BackupEntry e = backup(db);
        String fresh = db.name() + "_some";
        RestoreRequest req = new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, fresh, List.of("app.order_lines",
                "app.events"), List.of(), false, 0, false, null, false);

        RestoreResult r = service().restore(req, recording, CancelToken.none());

        assertTrue(messages.contains(COUNTED), messages.toString());
        Map<String, Long> counted = actual(r.tables());
        assertEquals(EVENTS, counted.get("app.events"));
        assertEquals(400L, counted.get("app.order_lines"));
        assertEquals(106L, counted.get("app.orders_2023"), "a referenced partition came along");
        assertTrue(r.tables().stream().allMatch(c -> c.status() == CheckStatus.PASS), r.tables().toString());
        ConnectionSpec copy = db.spec().withDatabase(fresh);
        assertEquals(400, TestServer.queryLong(copy, "SELECT count(*) FROM app.order_lines"));
    }

    @Test
    void aFullVerifyInOneTransactionComparesTheServersCountsAndStillChecksLargeObjects(TestDatabase db) {
        BackupEntry e = backup(db);

        VerifyReport report = new VerifyService(new ManifestStore(folder), tools).verify(e.id(), VerifyDepth.FULL,
                db.server().admin(), recording, CancelToken.none());

        assertEquals(CheckStatus.PASS, report.outcome(), report.checks().toString());
        assertTrue(messages.contains(COUNTED), messages.toString());
        CheckResult measured = report.checks().stream().filter(c -> c.name().equals("Measured restore time"))
                .findFirst().orElseThrow();
        assertTrue(measured.detail().contains("in one transaction"), measured.detail());
        assertTrue(report.checks().stream().anyMatch(c -> c.name().equals("Large objects")
                && c.status() == CheckStatus.PASS), report.checks().toString());
        CheckResult rows = report.checks().stream().filter(c -> c.name().equals("Row counts")).findFirst().orElseThrow();
        assertEquals(CheckStatus.PASS, rows.status(), rows.toString());
    }
}
