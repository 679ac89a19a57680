package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.AppSchema;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Whole restores of an application-shaped database (AppSchema), in every mode. */
@ExtendWith(PgExtension.class)
class AppSchemaRestoreTest {
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

    /** Changes of the kind a bad deploy makes: rows gone, rows added, an object dropped, one added. */
    static void damage(TestDatabase db) {
        db.execute("DELETE FROM app.order_lines WHERE line_no = 2",
                "INSERT INTO \"we\"\"ird sch.ema\".\"T 1\" VALUES (1000, 'late', 1)",
                "DROP VIEW app.order_totals",
                "CREATE TABLE app.added_later (x int)",
                "SELECT lo_unlink(min(oid)) FROM pg_largeobject_metadata");
    }

    @Test
    void inPlaceRestoreOfAPartitionedTableWithPrimaryKeyBringsBackEverything(TestDatabase db) {
        AppSchema.create(db);
        BackupEntry e = backup(db);
        damage(db);
        RestoreResult r = service().restore(RestoreRequest.of(e.id(), db.spec(), RestoreMode.IN_PLACE)
                .withTerminateSessions(true), ProgressListener.NONE, CancelToken.none());

        AppSchema.assertRows(db);
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_views WHERE viewname = 'order_totals'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'added_later'"));
        assertEquals(200, db.queryLong("SELECT count(*) FROM app.order_totals"));
        assertEquals(50, db.queryLong("SELECT count(*) FROM app.customer_stats"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_extension WHERE extname = 'citext'"));
        assertTrue(r.tables().size() >= AppSchema.ROWS.size() - 1, r.tables().toString());
    }

    @Test
    void replaceAndNewRestoresOfTheApplicationSchemaKeepEveryRowAndObject(TestDatabase db) {
        AppSchema.create(db);
        BackupEntry e = backup(db);
        damage(db);
        service().restore(RestoreRequest.of(e.id(), db.spec(), RestoreMode.REPLACE).withTerminateSessions(true),
                ProgressListener.NONE, CancelToken.none());
        AppSchema.assertRows(db);
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_views WHERE viewname = 'order_totals'"));
    }
}
