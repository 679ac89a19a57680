package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restore run at once on its caller's connection to the maintenance database (the CLI's password
 * check, opened early): it plans, creates the database and applies its settings on that connection,
 * which stays the caller's; a failure found late still drops what this run created and nothing else.
 */
@ExtendWith(PgExtension.class)
class MaintenanceConnectionRestoreTest {
    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private BackupEntry backup(TestDatabase db) {
        db.execute("CREATE TABLE items (id int PRIMARY KEY, name text)",
                "INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, 500) g", "VACUUM ANALYZE");
        return new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "link"),
                ProgressListener.NONE, CancelToken.none());
    }

    private RestoreService service() {
        return new RestoreService(new ManifestStore(folder), tools, spec -> false);
    }

    private static RestoreRequest intoNew(BackupEntry e, TestDatabase db, String name) {
        return new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, name, List.of(), List.of(), false, 0, false, null,
                false);
    }

    private static long pid(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aRestoreOnTheCallersConnectionRestoresAndLeavesItOpenForTheCaller(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        String fresh = db.name() + "_link";
        List<RestorePlan> shown = new ArrayList<>();
        try (Connection maintenance = Databases.maintenance(db.spec())) {
            long before = pid(maintenance);

            RestoreResult r = service().planAndRestore(intoNew(e, db, fresh), maintenance, shown::add,
                    ProgressListener.NONE, CancelToken.none());

            assertEquals(1, shown.size(), "the plan is shown before anything changes");
            assertEquals(fresh, r.restoredDatabase());
            assertTrue(r.tables().stream().allMatch(t -> t.status() == CheckStatus.PASS), r.rowCheck());
            assertFalse(maintenance.isClosed(), "the caller closes its connection");
            assertEquals(before, pid(maintenance), "the same session throughout");
        }
        assertEquals(500, new TestDatabase(db.server(), db.spec().withDatabase(fresh)).count("items"));
    }

    @Test
    void aMismatchFoundWhileLoadingDropsOnlyWhatThisRunCreatedAndKeepsTheCallersConnection(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        Path manifest = new ManifestStore(folder).manifestFile();
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        Files.writeString(manifest, text.replace(e.hash(), "0".repeat(64)), StandardCharsets.UTF_8);
        String fresh = db.name() + "_link_bad";
        try (Connection maintenance = Databases.maintenance(db.spec())) {
            LifeboatException ex = assertThrows(LifeboatException.class, () -> service().planAndRestore(
                    intoNew(e, db, fresh), maintenance, p -> { }, ProgressListener.NONE, CancelToken.none()));

            assertEquals(ErrorCode.RESTORE_REFUSED, ex.code(), ex.getMessage());
            assertFalse(maintenance.isClosed());
        }
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_database WHERE datname = '" + fresh + "'"));
        assertEquals(500, db.count("items"), "the source database is untouched");
    }

    @Test
    void aConnectionClosedMeanwhileIsReplacedByOneOfTheRestoresOwn(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        String fresh = db.name() + "_link_closed";
        Connection closed = Databases.maintenance(db.spec());
        closed.close();

        RestoreResult r = service().planAndRestore(intoNew(e, db, fresh), closed, p -> { }, ProgressListener.NONE,
                CancelToken.none());

        assertEquals(fresh, r.restoredDatabase());
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_database WHERE datname = '" + fresh + "'"));
    }
}
