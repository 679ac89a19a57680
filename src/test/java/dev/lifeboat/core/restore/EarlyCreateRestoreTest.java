package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restore's own database is journalled and created once the plan's server checks passed, while the
 * plan is finished and printed (decision 011, 2026-12-04 session 12): journalled before it exists, and
 * dropped, its intent ended, when the restore does not go on after all.
 */
@ExtendWith(PgExtension.class)
class EarlyCreateRestoreTest {
    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private BackupEntry backup(TestDatabase db) {
        db.execute("CREATE TABLE items (id int PRIMARY KEY, name text)",
                "INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, 300) g", "VACUUM ANALYZE");
        return new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "early"),
                ProgressListener.NONE, CancelToken.none());
    }

    private RestoreService service() {
        return new RestoreService(new ManifestStore(folder), tools, spec -> false);
    }

    private static RestoreRequest intoNew(BackupEntry e, TestDatabase db, String name) {
        return new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, name, List.of(), List.of(), false, 0, false, null,
                false);
    }

    private static boolean exists(TestDatabase db, String name) {
        return db.queryLong("SELECT count(*) FROM pg_database WHERE datname = '" + name + "'") == 1;
    }

    /** Waits (at most 20 s) for the database the restore creates beside the plan's printing. */
    private static boolean appears(TestDatabase db, String name) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (exists(db, name)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private boolean journalNames(String database) {
        return new Journal(folder).operations().values().stream().flatMap(List::stream)
                .anyMatch(l -> database.equals(l.database()));
    }

    private boolean journalOpen() {
        return new Journal(folder).operations().values().stream()
                .anyMatch(lines -> !"end".equals(lines.get(lines.size() - 1).event()));
    }

    @Test
    void theNewDatabaseIsJournalledBeforeItExistsAndCreatedWhileThePlanIsPrinted(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        String fresh = db.name() + "_early";
        AtomicBoolean journalledFirst = new AtomicBoolean();
        try (Connection maintenance = Databases.maintenance(db.spec())) {
            RestoreResult r = service().planAndRestore(intoNew(e, db, fresh), maintenance, plan -> {
                try {
                    assertTrue(plan.allowed());
                    assertTrue(appears(db, fresh), "created while the plan is printed");
                    journalledFirst.set(journalNames(fresh));
                } catch (InterruptedException ex) {
                    throw new IllegalStateException(ex);
                }
            }, ProgressListener.NONE, CancelToken.none());

            assertEquals(fresh, r.restoredDatabase());
        }
        assertTrue(journalledFirst.get(), "the journal named the database once it existed");
        assertEquals(300, new TestDatabase(db.server(), db.spec().withDatabase(fresh)).count("items"));
        assertTrue(!journalOpen(), "the restore's intent is ended");
    }

    @Test
    void aPlanThatCannotBeShownDropsTheDatabaseItsChecksLetItCreate(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        String fresh = db.name() + "_early_unshown";
        try (Connection maintenance = Databases.maintenance(db.spec())) {
            IllegalStateException ex = assertThrows(IllegalStateException.class, () -> service().planAndRestore(
                    intoNew(e, db, fresh), maintenance, plan -> {
                        try {
                            assertTrue(appears(db, fresh));
                        } catch (InterruptedException ie) {
                            Thread.currentThread().interrupt();
                        }
                        throw new IllegalStateException("the terminal is gone");
                    }, ProgressListener.NONE, CancelToken.none()));

            assertEquals("the terminal is gone", ex.getMessage());
        }
        assertTrue(!exists(db, fresh), "nothing of the run is left");
        assertTrue(!journalOpen(), "its intent is ended: recover has nothing to do");
        assertEquals(300, db.count("items"), "the source is untouched");
    }

    @Test
    void aRefusedPlanCreatesNothing(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        String taken = db.name() + "_early_taken";
        TestServer.execute(db.server().admin(), "CREATE DATABASE " + taken);
        try (Connection maintenance = Databases.maintenance(db.spec())) {
            assertThrows(RuntimeException.class, () -> service().planAndRestore(intoNew(e, db, taken), maintenance,
                    plan -> { }, ProgressListener.NONE, CancelToken.none()));
        }
        assertTrue(exists(db, taken), "someone else's database of that name is left alone");
        assertTrue(!journalNames(taken), "nothing of it was journalled");
    }
}
