package dev.lifeboat.core.recovery;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.core.health.HealthState;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 of the real CLI at chosen moments, then recover: nothing left, no outage (issue 12, items 8 and 9). */
@ExtendWith(PgExtension.class)
class CrashRecoveryTest {
    @TempDir
    Path folder;

    @TempDir
    Path home;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private RecoveryService recovery() {
        return new RecoveryService(new ManifestStore(folder), s -> s.withPassword(TestServer.ADMIN_PASSWORD));
    }

    private List<String> files(String suffix) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains(suffix)).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long databasesLike(TestServer server, String pattern) {
        return TestServer.queryLong(server.admin(), "SELECT count(*) FROM pg_database WHERE datname LIKE '" + pattern + "'");
    }

    private void assertNothingLeftAndManifestWhole(int entries) {
        assertEquals(List.of(), recovery().find(), "recover leaves nothing behind");
        assertEquals(List.of(), files(".partial"));
        assertEquals(entries, new ManifestStore(folder).load().backups().size());
        var health = new HealthService(new ManifestStore(folder), db -> null).check(OffsetDateTime.now());
        assertTrue(health.checks().stream().filter(c -> c.name().startsWith("Leftovers"))
                .allMatch(c -> c.state() == HealthState.OK), health.checks().toString());
    }

    @Test
    void backupKilledWhileDumpingLeavesAPartialThatRecoverRemoves(TestDatabase db) throws Exception {
        SampleData.create(db);
        SampleData.createLargeTable(db);
        Process p = CliProcess.start(home, "--folder", folder.toString(), "backup", "--db", CliProcess.uri(db.spec()));
        assertTrue(CliProcess.killWhen(p, () -> !files(".dump.partial").isEmpty(), 120_000),
                () -> "killed while dumping; the command printed:\n" + CliProcess.output(home));
        assertFalse(files(".partial").isEmpty(), "the kill left debris to recover");
        List<Leftover> found = recovery().find();
        assertTrue(found.stream().anyMatch(l -> l.kind() == Leftover.Kind.FILE && l.name().endsWith(".dump.partial")),
                found.toString());
        var health = new HealthService(new ManifestStore(folder), d -> null).check(OffsetDateTime.now());
        assertTrue(health.checks().stream().anyMatch(c -> c.name().startsWith("Leftovers") && c.state() == HealthState.WARNING));
        RecoveryService.Result r = recovery().clean();
        assertEquals(List.of(), r.failed());
        assertNothingLeftAndManifestWhole(0);
        assertEquals(List.of(), files(".globals.sql"), "no orphan roles file");
    }

    @Test
    void fullVerifyKilledDuringTheTestRestoreLeavesAScratchDatabaseThatRecoverDrops(TestDatabase db, TestServer server)
            throws Exception {
        SampleData.create(db);
        SampleData.createLargeTable(db);
        new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "to verify"),
                ProgressListener.NONE, CancelToken.none());
        long before = databasesLike(server, "lifeboat_verify_%");
        Process p = CliProcess.start(home, "--folder", folder.toString(), "verify", "latest", "--depth", "full",
                "--scratch", CliProcess.uri(server.admin()));
        assertTrue(CliProcess.killWhen(p, () -> databasesLike(server, "lifeboat_verify_%") > before, 120_000),
                () -> "killed while verifying; the command printed:\n" + CliProcess.output(home));
        assertTrue(databasesLike(server, "lifeboat_verify_%") > before, "the kill left a scratch database");
        assertTrue(recovery().find().stream().anyMatch(l -> l.kind() == Leftover.Kind.DATABASE));
        assertEquals(List.of(), recovery().clean().failed());
        assertEquals(before, databasesLike(server, "lifeboat_verify_%"));
        assertNothingLeftAndManifestWhole(1);
    }

    @Test
    void replaceKilledWhileLoadingTheCopyLeavesTheTargetIntactAndRecoverDropsTheCopy(TestDatabase db, TestServer server)
            throws Exception {
        SampleData.create(db);
        SampleData.createLargeTable(db);
        new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "to restore"),
                ProgressListener.NONE, CancelToken.none());
        db.execute("DELETE FROM public.big WHERE id > 10");
        Process p = CliProcess.start(home, "--folder", folder.toString(), "restore", "latest", "--to",
                CliProcess.uri(db.spec()), "--mode", "replace", "--yes");
        String copies = db.name().replace("_", "\\_") + "\\_\\_lifeboat\\_%";
        assertTrue(CliProcess.killWhen(p, () -> databasesLike(server, copies) > 0, 120_000),
                () -> "killed while loading; the command printed:\n" + CliProcess.output(home));
        assertEquals(1, databasesLike(server, copies), "the kill left the copy");
        assertEquals(List.of(), recovery().clean().failed());
        assertEquals(0, databasesLike(server, copies));
        assertEquals(10, db.count("public.big"), "the target was never touched");
        assertNothingLeftAndManifestWhole(1);
    }

    /** Kills the CLI's replace while the target is closed and its rename waits on a lock the test holds. */
    private void killDuringTheSwap(TestDatabase db, TestServer server) throws Exception {
        SampleData.create(db);
        new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "to restore"),
                ProgressListener.NONE, CancelToken.none());
        // Hold the target's catalog lock from another session so that the swap's rename waits after
        // the target was closed: the moment a kill would otherwise hit only by luck.
        Properties props = new Properties();
        props.setProperty("user", server.admin().user());
        props.setProperty("password", TestServer.ADMIN_PASSWORD);
        ConnectionSpec a = server.admin();
        try (Connection blocker = DriverManager.getConnection("jdbc:postgresql://" + a.host() + ":" + a.port()
                + "/postgres", props)) {
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.execute("COMMENT ON DATABASE \"" + db.name() + "\" IS 'held by the test'");
            }
            Process p = CliProcess.start(home, "--folder", folder.toString(), "restore", "latest", "--to",
                    CliProcess.uri(db.spec()), "--mode", "replace", "--yes", "--terminate-sessions");
            boolean killed = CliProcess.killWhen(p, () -> closed(db, server), 120_000);
            blocker.rollback();
            assertTrue(killed, "killed while the target was closed");
        }
        assertTrue(closed(db, server), "the kill left the target refusing connections");
    }

    private static boolean closed(TestDatabase db, TestServer server) {
        return TestServer.queryLong(server.admin(), "SELECT count(*) FROM pg_database WHERE datname = '" + db.name()
                + "' AND NOT datallowconn") > 0;
    }

    private static long userTables(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')");
    }

    @Test
    void aKillDuringTheSwapLeavesAClosedTargetThatRecoverReopens(TestDatabase db, TestServer server) throws Exception {
        killDuringTheSwap(db, server);
        List<Leftover> found = recovery().find();
        assertTrue(found.stream().anyMatch(l -> l.kind() == Leftover.Kind.CLOSED_TARGET && l.name().equals(db.name())),
                found.toString());
        assertEquals(List.of(), recovery().clean().failed());
        assertFalse(closed(db, server));
        assertEquals(5, userTables(db), "the target accepts connections and is whole");
        assertEquals(0, databasesLike(server, db.name().replace("_", "\\_") + "\\_\\_lifeboat\\_%"));
        assertNothingLeftAndManifestWhole(1);
    }

    @Test
    void aKillDuringTheSwapLeavesAClosedTargetThatTheNextRestoreReopens(TestDatabase db, TestServer server)
            throws Exception {
        killDuringTheSwap(db, server);
        var service = new dev.lifeboat.core.restore.RestoreService(new ManifestStore(folder), tools, s -> false);
        var plan = service.plan(dev.lifeboat.core.restore.RestoreRequest.of("latest", db.spec(),
                dev.lifeboat.core.restore.RestoreMode.REPLACE).withTerminateSessions(true), CancelToken.none());
        assertFalse(closed(db, server), "the next restore opened the target again first");
        assertTrue(plan.problems().stream().noneMatch(pr -> pr.contains("connect")), plan.problems().toString());
        assertEquals(5, userTables(db));
    }

    @Test
    void restoreFromAReadOnlyFolderIsRefusedBeforeAnythingChanges(TestDatabase db, TestServer server) throws Exception {
        SampleData.create(db);
        BackupEntry e = new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "ro"),
                ProgressListener.NONE, CancelToken.none());
        Path readOnly = Files.createTempDirectory("lifeboat-ro");
        boolean mounted = new ProcessBuilder("mount", "--bind", "-o", "ro", folder.toString(), readOnly.toString())
                .redirectErrorStream(true).start().waitFor() == 0 && !Files.isWritable(readOnly);
        org.junit.jupiter.api.Assumptions.assumeTrue(mounted, "needs a read-only bind mount (root, CAP_SYS_ADMIN)");
        try {
            db.execute("DELETE FROM \"Sales Data\".\"Order Items\"");
            var service = new dev.lifeboat.core.restore.RestoreService(new ManifestStore(readOnly), tools, s -> false);
            var req = dev.lifeboat.core.restore.RestoreRequest.of(e.id(), db.spec(),
                    dev.lifeboat.core.restore.RestoreMode.REPLACE).withTerminateSessions(true);
            assertFalse(service.plan(req, CancelToken.none()).allowed());
            LifeboatException ex = org.junit.jupiter.api.Assertions.assertThrows(LifeboatException.class,
                    () -> service.restore(req, ProgressListener.NONE, CancelToken.none()));
            assertEquals(ErrorCode.RESTORE_REFUSED, ex.code());
            assertTrue(ex.getMessage().contains("operations log"), ex.getMessage());
            assertEquals(0, db.count(SampleData.MIXED), "the target was not replaced");
            assertEquals(0, databasesLike(server, db.name().replace("_", "\\_") + "\\_\\_%"));
        } finally {
            new ProcessBuilder("umount", readOnly.toString()).start().waitFor();
            Files.deleteIfExists(readOnly);
        }
    }
}
