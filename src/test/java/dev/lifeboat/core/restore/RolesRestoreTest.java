package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.AppSchema;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restoring onto a server that lacks the archive's roles: owners, grantees, memberships, settings. */
@ExtendWith(PgExtension.class)
class RolesRestoreTest {
    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private RestoreService service() {
        return new RestoreService(new ManifestStore(folder), tools, spec -> false);
    }

    /** The AppSchema backed up, then its database and roles gone, as on another server. */
    private BackupEntry backupThenLoseTheRoles(TestDatabase db, AppSchema app) {
        BackupEntry e = new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "app"),
                ProgressListener.NONE, CancelToken.none());
        db.server().dropDatabase(db.name());
        app.dropRoles();
        return e;
    }

    private static long roles(TestServer server, String prefix) {
        return TestServer.queryLong(server.admin(), "SELECT count(*) FROM pg_roles WHERE starts_with(rolname, '" + prefix + "_')");
    }

    private static RestoreRequest intoNew(BackupEntry e, ConnectionSpec server, String name) {
        return new RestoreRequest(e.id(), server, RestoreMode.NEW, name, List.of(), List.of(), false, 0, false, null, false);
    }

    @Test
    void preflightNamesOwnersAndGranteeOnlyRoles(TestDatabase db) {
        AppSchema app = AppSchema.create(db);
        BackupEntry e = backupThenLoseTheRoles(db, app);
        RestorePlan plan = service().plan(intoNew(e, db.spec(), db.name() + "__r"), CancelToken.none());
        assertEquals(app.roles().stream().sorted().toList(), plan.missingRoles(), "owners, grantees and default-privilege roles");
        assertFalse(plan.allowed());
    }

    /** restore --mode new --yes loads beside its plan (LoadBesidePlan): a plan that refuses ends it uncommitted. */
    @Test
    void aLoadStartedBesideThePlanEndsUncommittedWhenThePlanRefusesForMissingRoles(TestDatabase db) throws Exception {
        AppSchema app = AppSchema.create(db);
        BackupEntry e = backupThenLoseTheRoles(db, app);
        String name = db.name() + "__beside";
        try (Connection maintenance = Databases.maintenance(db.spec())) {
            EarlyCreate.beforePlan(folder, db.spec(), maintenance, name);
            LifeboatException refused = assertThrows(LifeboatException.class, () -> service().planAndRestore(
                    intoNew(e, db.spec(), name), maintenance, plan -> assertFalse(plan.allowed()), ProgressListener.NONE,
                    CancelToken.none()));
            assertEquals(ErrorCode.RESTORE_REFUSED, refused.code());
            assertTrue(refused.getMessage().contains(app.role("owner_a")), "the plan's refusal, naming the role: "
                    + refused.getMessage());
        }
        assertEquals(0, TestServer.queryLong(db.server().admin(), "SELECT count(*) FROM pg_database WHERE datname = '"
                + name + "'"), "the database made before the plan is dropped");
        assertEquals(0, TestServer.queryLong(db.server().admin(), "SELECT count(*) FROM pg_stat_activity WHERE datname = '"
                + name + "'"), "no session of the load is left");
        assertEquals(0, roles(db.server(), app.prefix()), "no role was made");
    }

    @Test
    void createRolesBringsBackEveryRoleWithMembershipsAndSettingsWithoutPasswords(TestDatabase db) {
        AppSchema app = AppSchema.create(db);
        BackupEntry e = backupThenLoseTheRoles(db, app);
        String name = db.name() + "__r";
        RestoreResult r = service().restore(intoNew(e, db.spec(), name).withCreateMissingRoles(true),
                ProgressListener.NONE, CancelToken.none());
        ConnectionSpec restored = db.spec().withDatabase(name);
        assertEquals(5, roles(db.server(), app.prefix()));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("without passwords")), r.warnings().toString());
        assertEquals(1, TestServer.queryLong(restored, "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                + "JOIN pg_roles u ON u.oid = m.member WHERE r.rolname = '" + app.role("readers") + "' AND u.rolname = '"
                + app.role("reporter") + "'"), "the membership came back");
        assertEquals(1, TestServer.queryLong(restored, "SELECT count(*) FROM pg_db_role_setting s JOIN pg_database d "
                + "ON d.oid = s.setdatabase WHERE d.datname = current_database()"), "ALTER ROLE … IN DATABASE came back");
        assertTrue(TestServer.queryString(restored, "SELECT has_column_privilege('" + app.role("reporter")
                + "', 'app.customers', 'name', 'SELECT')::text").equals("true"), "the column grant");
        assertEquals(50, TestServer.queryLong(restored, "SELECT count(*) FROM app.customers"));
        TestServer.execute(db.server().admin(), "DROP DATABASE " + name);
        app.dropRoles();
    }

    @Test
    void rolesCreatedForAFailedRestoreAreDroppedAgain(TestDatabase db) {
        AppSchema app = AppSchema.create(db);
        BackupEntry e = backupThenLoseTheRoles(db, app);
        CancelToken cancel = new CancelToken();
        ProgressListener cancelWhenLoading = (done, total, message) -> {
            if (message != null && message.startsWith("Restoring")) {
                cancel.cancel();
            }
        };
        assertThrows(LifeboatException.class, () -> service().restore(intoNew(e, db.spec(), db.name() + "__r")
                .withCreateMissingRoles(true), cancelWhenLoading, cancel));
        assertEquals(0, roles(db.server(), app.prefix()), "no role left behind by a restore that changed nothing");
        assertFalse(db.server().databaseExists(db.name() + "__r"));
    }

    @Test
    void withoutOwnersAndPrivilegesItRestoresOntoAServerWithoutTheRoles(TestDatabase db) {
        AppSchema app = AppSchema.create(db);
        BackupEntry e = backupThenLoseTheRoles(db, app);
        String name = db.name() + "__r";
        RestoreRequest req = intoNew(e, db.spec(), name).withOwnership(true, true);
        assertTrue(service().plan(req, CancelToken.none()).allowed());
        service().restore(req, ProgressListener.NONE, CancelToken.none());
        ConnectionSpec restored = db.spec().withDatabase(name);
        assertEquals(400, TestServer.queryLong(restored, "SELECT count(*) FROM app.order_lines"));
        assertEquals(db.spec().user(), TestServer.queryString(restored,
                "SELECT tableowner FROM pg_tables WHERE tablename = 'order_lines'"));
        assertEquals(0, roles(db.server(), app.prefix()));
        TestServer.execute(db.server().admin(), "DROP DATABASE " + name);
    }
}
