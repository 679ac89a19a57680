package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.LifeboatException;
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

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restore's own database is journalled and created once the plan's server checks passed, while the
 * plan is finished and printed (decision 011, 2026-12-04 session 12), or before the plan on the CLI's
 * early connection (session 13): journalled before it exists, and dropped, its intent ended, when the
 * restore does not go on after all; a database of that name that was there before is never dropped.
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

    @Test
    void aDatabaseMadeBeforeThePlanIsTheOneRestoredInto(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        String fresh = db.name() + "_before";
        try (Connection maintenance = Databases.maintenance(db.spec())) {
            EarlyCreate.beforePlan(folder, db.spec(), maintenance, fresh);
            assertTrue(exists(db, fresh) && journalNames(fresh), "journalled and made at once");

            RestoreResult r = service().planAndRestore(intoNew(e, db, fresh), maintenance, plan ->
                    assertTrue(plan.allowed(), "its own database is not refused as taken"), ProgressListener.NONE,
                    CancelToken.none());

            assertEquals(fresh, r.restoredDatabase());
        }
        assertEquals(300, new TestDatabase(db.server(), db.spec().withDatabase(fresh)).count("items"));
        assertTrue(!journalOpen(), "one intent, ended");
    }

    @Test
    void aPlanRefusedAfterTheDatabaseWasMadeDropsIt(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        Files.delete(new ManifestStore(folder).fileOf(e));
        String fresh = db.name() + "_before_refused";
        try (Connection maintenance = Databases.maintenance(db.spec())) {
            EarlyCreate.beforePlan(folder, db.spec(), maintenance, fresh);
            assertTrue(exists(db, fresh));

            assertThrows(RuntimeException.class, () -> service().planAndRestore(intoNew(e, db, fresh), maintenance,
                    plan -> assertTrue(!plan.allowed()), ProgressListener.NONE, CancelToken.none()));
        }
        assertTrue(!exists(db, fresh), "dropped with the refusal");
        assertTrue(!journalOpen(), "its intent is ended");
    }

    @Test
    void aTakenNameMadeBeforeThePlanIsRefusedAndLeftAlone(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        String taken = db.name() + "_before_taken";
        TestServer.execute(db.server().admin(), "CREATE DATABASE " + taken);
        try (Connection maintenance = Databases.maintenance(db.spec())) {
            EarlyCreate.beforePlan(folder, db.spec(), maintenance, taken);
            LifeboatException refused = assertThrows(LifeboatException.class, () -> service().planAndRestore(
                    intoNew(e, db, taken), maintenance, plan -> { }, ProgressListener.NONE, CancelToken.none()));

            assertTrue(refused.getMessage().contains("already exists"), refused.getMessage());
        }
        assertTrue(exists(db, taken), "someone else's database of that name is left alone");
        assertTrue(!journalOpen(), "the intent journalled before the attempt is ended");
    }

    @Test
    void oneMadeBeforeAPlanForAnotherNameOrNoneIsDropped(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        String other = db.name() + "_before_other";
        String asked = db.name() + "_before_asked";
        try (Connection maintenance = Databases.maintenance(db.spec())) {
            EarlyCreate.beforePlan(folder, db.spec(), maintenance, other);
            service().planAndRestore(intoNew(e, db, asked), maintenance, plan -> { }, ProgressListener.NONE,
                    CancelToken.none());
            assertTrue(!exists(db, other) && exists(db, asked), "the restore made and used its own");

            String unclaimed = db.name() + "_before_unclaimed";
            EarlyCreate.beforePlan(folder, db.spec(), maintenance, unclaimed);
            EarlyCreate.dropUnclaimed(); // the command ended before it planned
            assertTrue(!exists(db, unclaimed));
        }
        assertTrue(!journalOpen(), "no intent left open");
    }
}
