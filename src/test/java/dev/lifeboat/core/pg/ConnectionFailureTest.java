package dev.lifeboat.core.pg;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Bad input gives a clear message that says what to do, leaves nothing behind, and leaks no password. */
@ExtendWith(PgExtension.class)
class ConnectionFailureTest {
    @TempDir
    Path folder;

    private LifeboatException backupFails(ConnectionSpec spec, PgToolLocator tools) {
        LifeboatException e = assertThrows(LifeboatException.class, () -> new BackupService(new ManifestStore(folder), tools)
                .create(BackupRequest.of(spec, "x"), ProgressListener.NONE, CancelToken.none()));
        try (Stream<Path> files = Files.list(folder)) {
            assertTrue(files.noneMatch(p -> p.toString().contains(".dump")), "no backup file may be left");
        } catch (IOException io) {
            throw new AssertionError(io);
        }
        return e;
    }

    @Test
    void wrongPasswordSaysSoAndNeverRepeatsThePassword(TestDatabase db, TestServer server) {
        String role = "lb_pw_" + ProcessHandle.current().pid();
        db.execute("DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role + " LOGIN PASSWORD 'right-horse-battery'");
        try {
            assumeTrue(server.requirePassword(role), "the server's pg_hba.conf belongs to someone else");
            ConnectionSpec wrong = new ConnectionSpec("127.0.0.1", db.spec().port(), db.name(), role,
                    "Wr0ng-Passw0rd-XYZ", java.util.Map.of());
            LifeboatException e = backupFails(wrong, PgToolLocator.standard(null));
            assertEquals(ErrorCode.AUTHENTICATION_FAILED, e.code());
            assertTrue(e.getMessage().contains("password is wrong"), e.getMessage());
            assertTrue(e.getMessage().contains(role), e.getMessage());
            assertFalse(e.getMessage().contains("Wr0ng-Passw0rd-XYZ"), e.getMessage());

            ConnectionSpec none = wrong.withPassword(null);
            LifeboatException missing = backupFails(none, PgToolLocator.standard(null));
            assertEquals(ErrorCode.AUTHENTICATION_FAILED, missing.code());
        } finally {
            db.execute("DROP ROLE IF EXISTS " + role);
        }
    }

    @Test
    void unreachableHostSaysWhatToCheck() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        LifeboatException e = backupFails(ConnectionSpec.of("127.0.0.1", closedPort, "x", "postgres"),
                PgToolLocator.standard(null));
        assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
        assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
        assertTrue(e.getMessage().contains("Is PostgreSQL running"), e.getMessage());

        LifeboatException unknown = backupFails(ConnectionSpec.of("no-such-host.invalid", 5432, "x", "postgres"),
                PgToolLocator.standard(null));
        assertEquals(ErrorCode.CONNECTION_FAILED, unknown.code());
        assertTrue(unknown.getMessage().contains("unknown"), unknown.getMessage());
    }

    @Test
    void missingDatabaseIsNamed(TestServer server) {
        LifeboatException e = backupFails(server.admin().withDatabase("no_such_db_here"), PgToolLocator.standard(null));
        assertEquals(ErrorCode.DATABASE_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("no_such_db_here"));
    }

    @Test
    void missingPgDumpSaysWhatToInstall(TestDatabase db, @TempDir Path emptyBin) {
        LifeboatException e = backupFails(db.spec(), PgToolLocator.in(List.of(emptyBin)));
        assertEquals(ErrorCode.TOOL_MISSING, e.code());
        assertTrue(e.getMessage().contains("pg_dump was not found"), e.getMessage());
        assertTrue(e.getMessage().contains("postgresql-client"), e.getMessage());
    }

    @Test
    void tooOldPgDumpIsRefusedBeforeStarting(TestDatabase db, @TempDir Path oldBin) throws IOException {
        // An executable that answers --version as a 9.6 pg_dump would: the real check is the version logic.
        Path fake = oldBin.resolve("pg_dump");
        Files.writeString(fake, "#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        LifeboatException e = backupFails(db.spec(), PgToolLocator.in(List.of(oldBin)));
        assertEquals(ErrorCode.TOOL_TOO_OLD, e.code());
        int serverMajor = Integer.parseInt(db.queryString("SELECT current_setting('server_version_num')")) / 10000;
        assertTrue(e.getMessage().startsWith("pg_dump 9.6 cannot dump a PostgreSQL " + serverMajor + " server: install the version "
                + serverMajor + " client tools"), e.getMessage());
    }
}
