package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rollback database a person reads in the plan is the one the restore keeps, however long they read. */
@ExtendWith(PgExtension.class)
class RestorePlanNamesTest {
    @TempDir
    Path folder;

    @Test
    void theRollbackDatabaseNamedInTheShownPlanIsTheOneKeptSecondsLater(TestDatabase db) throws Exception {
        SampleData.create(db);
        ManifestStore store = new ManifestStore(folder);
        PgToolLocator tools = PgToolLocator.standard(null);
        BackupEntry e = new BackupService(store, tools).create(BackupRequest.of(db.spec(), "named"),
                ProgressListener.NONE, CancelToken.none());
        RestoreService service = new RestoreService(store, tools, spec -> false,
                spec -> spec.withPassword(TestServer.ADMIN_PASSWORD));
        RestoreRequest req = RestoreRequest.of(e.id(), db.spec(), RestoreMode.REPLACE).withTerminateSessions(true);

        RestorePlan shown = service.plan(req, CancelToken.none());
        assertNotNull(shown.rollbackDatabase());
        Thread.sleep(1_100); // the person reads the plan: the clock passes a second, as the names are stamped by it
        RestoreResult result = service.restore(req, shown, ProgressListener.NONE, CancelToken.none());

        assertEquals(shown.rollbackDatabase(), result.rollbackDatabase());
        assertTrue(db.server().databaseExists(shown.rollbackDatabase()), "kept under the name the plan showed");
        assertEquals(250, db.count(SampleData.MIXED));
    }
}
