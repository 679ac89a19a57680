package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.AppSchema;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Selective restores (--table, --schema) on an application-shaped database. */
@ExtendWith(PgExtension.class)
class SelectiveRestoreTest {
    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private RestoreService service() {
        return new RestoreService(new ManifestStore(folder), tools, spec -> false);
    }

    private BackupEntry backup(TestDatabase db) {
        return new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "app"),
                ProgressListener.NONE, CancelToken.none());
    }

    private static Set<String> checked(RestoreResult r) {
        return r.tables().stream().map(TableCheck::qualifiedName).collect(Collectors.toSet());
    }

    private RestoreResult intoNew(BackupEntry e, TestDatabase db, String newName, List<String> tables, List<String> schemas) {
        RestoreRequest req = new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, newName, tables, schemas, false, 0,
                false, null, false);
        return service().restore(req, ProgressListener.NONE, CancelToken.none());
    }

    @Test
    void aTableRestoredIntoANewDatabaseBringsItsSequenceFunctionTypesPartitionsAndReferencedTables(TestDatabase db) {
        AppSchema.create(db);
        BackupEntry e = backup(db);
        String fresh = db.name() + "__lines";
        RestoreResult r = intoNew(e, db, fresh, List.of("app.order_lines"), List.of());
        ConnectionSpec copy = db.spec().withDatabase(fresh);

        assertEquals(400, TestServer.queryLong(copy, "SELECT count(*) FROM app.order_lines"));
        assertEquals(200, TestServer.queryLong(copy, "SELECT count(*) FROM app.orders"), "referenced, partitioned");
        assertEquals(106, TestServer.queryLong(copy, "SELECT count(*) FROM app.orders_2023"));
        assertEquals(50, TestServer.queryLong(copy, "SELECT count(*) FROM app.customers"));
        assertEquals(20, TestServer.queryLong(copy, "SELECT count(*) FROM app.products"));
        assertEquals(1, TestServer.queryLong(copy, "SELECT count(*) FROM pg_proc WHERE proname = 'touch'"));
        // the non-owned sequence came too: the default works
        TestServer.execute(copy, "INSERT INTO app.orders (id, placed_on, customer_id, amount) VALUES (9999, '2024-02-02', 1, 5)");
        assertTrue(TestServer.queryLong(copy, "SELECT invoice_no FROM app.orders WHERE id = 9999") >= 1000);
        TestServer.execute(copy, "ALTER TABLE app.order_lines DISABLE TRIGGER order_lines_touch",
                "UPDATE app.order_lines SET updated_at = NULL", "ALTER TABLE app.order_lines ENABLE TRIGGER order_lines_touch",
                "UPDATE app.order_lines SET qty = qty WHERE line_no = 1");
        assertEquals(200, TestServer.queryLong(copy, "SELECT count(*) FROM app.order_lines WHERE updated_at IS NOT NULL"),
                "the trigger and its function came with the table");
        assertTrue(checked(r).containsAll(List.of("app.order_lines", "app.orders_2023", "app.orders_2024",
                "app.customers", "app.products")), "the count check covers what was restored: " + checked(r));
        assertTrue(r.plan().steps().stream().anyMatch(s -> s.contains("app.customers")), r.plan().steps().toString());
    }

    @Test
    void namesWithQuotesSpacesAndDotsAreFoundAsWrittenInSqlAndUnquoted(TestDatabase db) {
        AppSchema.create(db);
        BackupEntry e = backup(db);
        String a = db.name() + "__q";
        RestoreResult quoted = intoNew(e, db, a, List.of(AppSchema.WEIRD_T1), List.of());
        assertEquals(30, TestServer.queryLong(db.spec().withDatabase(a), "SELECT count(*) FROM " + AppSchema.WEIRD_T1));
        assertEquals(Set.of("we\"ird sch.ema.T 1"), checked(quoted));

        String b = db.name() + "__u";
        intoNew(e, db, b, List.of("we\"ird sch.ema.Bestellungen_ü"), List.of());
        assertEquals(45, TestServer.queryLong(db.spec().withDatabase(b), "SELECT count(*) FROM " + AppSchema.WEIRD_ORDERS));
        assertEquals(30, TestServer.queryLong(db.spec().withDatabase(b), "SELECT count(*) FROM " + AppSchema.WEIRD_T1),
                "the table its foreign key references");

        String c = db.name() + "__s";
        RestoreResult schema = intoNew(e, db, c, List.of(), List.of(AppSchema.WEIRD_SCHEMA));
        assertEquals(45, TestServer.queryLong(db.spec().withDatabase(c), "SELECT count(*) FROM " + AppSchema.WEIRD_ORDERS));
        assertEquals(2, schema.tables().size(), schema.tables().toString());

        String d = db.name() + "__d";
        intoNew(e, db, d, List.of("public.\"dotted.name\""), List.of());
        assertEquals(7, TestServer.queryLong(db.spec().withDatabase(d), "SELECT count(*) FROM public.\"dotted.name\""));
    }

    @Test
    void dataOnlyInPlaceOfAnAwkwardSchemaBringsBackItsRows(TestDatabase db) {
        AppSchema.create(db);
        BackupEntry e = backup(db);
        db.execute("DELETE FROM " + AppSchema.WEIRD_ORDERS + " WHERE id > 10", "DELETE FROM " + AppSchema.WEIRD_T1
                + " WHERE id > 20 AND id NOT IN (SELECT t1_id FROM " + AppSchema.WEIRD_ORDERS + ")");
        RestoreRequest req = new RestoreRequest(e.id(), db.spec(), RestoreMode.IN_PLACE, null, List.of(),
                List.of(AppSchema.WEIRD_SCHEMA), true, 0, true, null, false);
        RestoreResult r = service().restore(req, ProgressListener.NONE, CancelToken.none());
        assertEquals(30, db.count(AppSchema.WEIRD_T1));
        assertEquals(45, db.count(AppSchema.WEIRD_ORDERS));
        assertEquals(2, r.tables().size(), r.tables().toString());
    }

    @Test
    void aTableRecreatedInPlaceKeepsTheViewsAndForeignKeysThatDependOnIt(TestDatabase db) {
        AppSchema.create(db);
        BackupEntry e = backup(db);
        db.execute("DELETE FROM app.order_lines WHERE order_id > 150", "DELETE FROM app.orders WHERE id > 150");
        RestoreRequest req = new RestoreRequest(e.id(), db.spec(), RestoreMode.IN_PLACE, null, List.of("app.orders"),
                List.of(), false, 0, true, null, false);
        RestoreResult r = service().restore(req, ProgressListener.NONE, CancelToken.none());

        assertEquals(200, db.count("app.orders"));
        assertEquals(200, db.count("app.order_totals"), "the view on it is back");
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_constraint WHERE contype = 'f' "
                + "AND conrelid = 'app.order_lines'::regclass AND confrelid = 'app.orders'::regclass"), "the FK onto it");
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_matviews WHERE matviewname = 'customer_stats'"));
        assertEquals(300, db.count("app.order_lines"), "a table not selected keeps its rows");
        assertTrue(checked(r).containsAll(Set.of("app.orders_2023", "app.orders_2024")), checked(r).toString());
        assertFalse(checked(r).contains("app.order_lines"));
    }

    @Test
    void aDependentTheBackupDoesNotHoldIsNamedInThePlanAndNothingChanges(TestDatabase db) {
        AppSchema.create(db);
        BackupEntry e = backup(db);
        db.execute("CREATE VIEW public.\"late view\" AS SELECT id FROM app.products",
                "DELETE FROM app.products WHERE id > 15 AND id NOT IN (SELECT product_id FROM app.order_lines) "
                        + "AND id NOT IN (SELECT favourite_product FROM app.customers WHERE favourite_product IS NOT NULL)");
        long before = db.count("app.products");
        RestoreRequest req = new RestoreRequest(e.id(), db.spec(), RestoreMode.IN_PLACE, null, List.of("app.products"),
                List.of(), false, 0, true, null, false);
        RestorePlan plan = service().plan(req, CancelToken.none());
        assertFalse(plan.allowed());
        assertTrue(plan.problems().stream().anyMatch(p -> p.contains("view public.\"late view\"")), plan.problems().toString());
        assertEquals(before, db.count("app.products"));
    }

    @Test
    void aSchemaRestoredInPlaceComesBackWholeAndTheRestIsLeftAlone(TestDatabase db) {
        AppSchema.create(db);
        BackupEntry e = backup(db);
        db.execute("DROP TABLE " + AppSchema.WEIRD_ORDERS, "DELETE FROM " + AppSchema.WEIRD_T1 + " WHERE id > 5",
                "CREATE TABLE " + AppSchema.WEIRD_SCHEMA + ".\"added later\" (x int)",
                "DELETE FROM app.order_lines WHERE line_no = 2");
        RestoreRequest req = new RestoreRequest(e.id(), db.spec(), RestoreMode.IN_PLACE, null, List.of(),
                List.of(AppSchema.WEIRD_SCHEMA), false, 0, true, null, false);
        RestoreResult r = service().restore(req, ProgressListener.NONE, CancelToken.none());
        assertEquals(30, db.count(AppSchema.WEIRD_T1));
        assertEquals(45, db.count(AppSchema.WEIRD_ORDERS));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'added later'"), "as in the backup");
        assertEquals(200, db.count("app.order_lines"), "another schema keeps its rows as they are now");
        assertEquals(Set.of("we\"ird sch.ema.T 1", "we\"ird sch.ema.Bestellungen_ü"), checked(r));
    }
}
