package dev.lifeboat.ui.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.restore.RestoreMode;
import dev.lifeboat.core.restore.RestorePlan;
import dev.lifeboat.core.restore.RestoreRequest;
import dev.lifeboat.core.restore.RestoreResult;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.testsupport.AppSchema;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.ui.common.ModelFixture;
import dev.lifeboat.ui.common.OperationTask;
import javafx.concurrent.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restore wizard's model without a window: the plan, core's confirmation rule, and the run it agreed to. */
@ExtendWith(PgExtension.class)
class RestoreModelTest {
    @TempDir
    Path home;

    @TempDir
    Path folder;

    @Test
    void aProtectedTargetNeedsItsNameTypedAndTheRestoreKeepsThePlansRollbackName(TestDatabase db) throws Exception {
        SampleData.create(db);
        BackupEntry e = new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "to restore"), ProgressListener.NONE, CancelToken.none());
        db.execute("DELETE FROM " + SampleData.MIXED + " WHERE id > 200");
        try (ModelFixture f = new ModelFixture(home, folder).answeringTheRightPassword()) {
            f.ctx.settings().update(s -> s.withConnection(ConnectionProfile.from("prod", db.spec(), true)));
            RestoreModel model = new RestoreModel(f.ctx, () -> { });
            RestoreRequest req = RestoreRequest.of(e.id(), db.spec().withPassword(null), RestoreMode.REPLACE)
                    .withTerminateSessions(true);
            f.onFx(() -> {
                model.begin();
                return model.computePlan(req);
            });

            RestorePlan plan = model.planProperty().get();
            assertNotNull(plan, "plan: " + model.problemProperty().get());
            assertEquals(1, f.asked.get(), "the password asked once, for the plan");
            assertFalse(model.planningProperty().get());
            assertEquals("Replace database " + db.name(), model.actionLabel());
            assertTrue(model.planTitle().startsWith("Plan: replace " + db.name() + " safely on "), model.planTitle());
            assertTrue(model.typedNameRequired());
            assertFalse(model.confirmed(null));
            assertFalse(model.confirmed(db.name() + "x"));
            assertNull(model.agree("wrong"), "no agreement without the exact name");
            RestoreModel.Agreed agreed = model.agree(db.name());
            assertNotNull(agreed);

            Thread.sleep(1_100); // the person reads the plan: the names' stamp would move on
            OperationTask<RestoreResult> run = f.onFx(() -> model.start(agreed));
            assertEquals(Worker.State.SUCCEEDED, f.onFx(run::getState), String.valueOf(f.onFx(run::getException)));
            assertEquals(plan.rollbackDatabase(), model.resultProperty().get().rollbackDatabase());
            assertEquals(250, db.count(SampleData.MIXED));
            assertEquals(1, f.asked.get(), "the password the plan got is used for the run");
            assertTrue(f.ctx.backupsInUse().isEmpty(), "the backup is free again once the restore ended");
        }
    }

    @Test
    void aNewDatabaseNeedsNoTypedNameAndAnUnreachableServerIsAProblemNotAPlan(TestDatabase db) throws Exception {
        SampleData.create(db);
        BackupEntry e = new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "copy"), ProgressListener.NONE, CancelToken.none());
        try (ModelFixture f = new ModelFixture(home, folder).answeringTheRightPassword()) {
            RestoreModel model = new RestoreModel(f.ctx, () -> { });
            RestoreRequest copy = new RestoreRequest(e.id(), db.spec().withPassword(null), RestoreMode.NEW,
                    db.name() + "_copy", null, null, false, 0, false, null, false);
            f.onFx(() -> model.computePlan(copy));
            assertEquals("Create database " + db.name() + "_copy", model.actionLabel());
            assertTrue(model.planTitle().startsWith("Plan: restore into a new database " + db.name() + "_copy on "),
                    "the headline names the new database, not the connection's: " + model.planTitle());
            assertFalse(model.typedNameRequired());
            assertTrue(model.confirmed(null));

            ConnectionSpec nowhere = new ConnectionSpec(db.spec().host(), 1, db.name(), db.spec().user(), null, Map.of());
            f.onFx(() -> model.computePlan(copy.withTarget(nowhere)));
            RestorePlan refused = model.planProperty().get();
            assertTrue(refused == null ? model.problemProperty().get() != null : !refused.allowed(),
                    "a refusal is shown, not a plan to run");
            assertEquals("Restore", model.actionLabel());
            assertFalse(model.confirmed(null));
        }
    }

    @Test
    void someTablesInPlaceSayWhatTheyReplaceAndTheStepsQuoteAwkwardNamesAsSqlDoes(TestDatabase db) throws Exception {
        AppSchema.create(db);
        db.execute("CREATE TABLE public.\"with space\" (id int)", "CREATE TABLE public.\"\"\"q\"\"uote\" (id int)",
                "CREATE TABLE public.\"order\" (id int)");
        BackupEntry e = new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "awkward"), ProgressListener.NONE, CancelToken.none());
        try (ModelFixture f = new ModelFixture(home, folder).answeringTheRightPassword()) {
            RestoreModel model = new RestoreModel(f.ctx, () -> { });
            // Written as a person types them at a prompt: unquoted, with the dot inside the name.
            RestoreRequest some = RestoreRequest.of(e.id(), db.spec().withPassword(null), RestoreMode.IN_PLACE)
                    .withTables(java.util.List.of("public.dotted.name", "public.with space", "public.\"q\"uote",
                            "public.order"))
                    .withTerminateSessions(true);
            f.onFx(() -> model.computePlan(some));
            RestorePlan plan = model.planProperty().get();
            assertNotNull(plan, "plan: " + model.problemProperty().get());
            assertTrue(plan.allowed(), plan.problems().toString());
            assertEquals("Replace 4 tables in " + db.name(), model.actionLabel(),
                    "only the chosen tables are replaced, not the database");
            String steps = String.join("\n", plan.steps());
            assertTrue(steps.contains("drop table public.\"dotted.name\", table public.\"with space\", "
                    + "table public.\"\"\"q\"\"uote\", table public.\"order\" and what depends on them"), steps);
            assertEquals("app.customers", RestoreModel.sqlName(new dev.lifeboat.core.manifest.TableStat("app", "customers", 1L, 1L)));
            assertEquals("public.\"Größe\"", RestoreModel.sqlName(new dev.lifeboat.core.manifest.TableStat("public", "Größe", 1L, 1L)));
        }
    }
}
