package dev.lifeboat.core.pg;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A saved connection's sslmode is part of the connection, never a secret: it reaches the driver and
 * pg_dump (in the conninfo of --dbname, beside host and user, never the password), against the
 * scram-sha-256 test server, which runs without SSL.
 */
@ExtendWith(PgExtension.class)
class SslModeTest {
    @TempDir
    Path folder;

    private static ConnectionSpec withSslMode(TestDatabase db, String mode) {
        ConnectionProfile saved = ConnectionProfile.from("ledger", db.spec(), false);
        saved = new ConnectionProfile(saved.name(), saved.host(), saved.port(), saved.database(), saved.user(), false, mode);
        return saved.toSpec().withPassword(db.spec().password().orElseThrow());
    }

    @Test
    void disableReachesTheDriverAndPgDumpAndTheBackupIsTaken(TestDatabase db) throws Exception {
        db.execute("CREATE TABLE t (id int)", "INSERT INTO t VALUES (1), (2)");
        ConnectionSpec spec = withSslMode(db, "disable");
        assertTrue(spec.toConninfo().contains("sslmode='disable'"), spec.toConninfo());
        assertFalse(spec.toConninfo().contains(db.spec().password().orElseThrow()), "never the password");
        try (Connection c = Pg.connect(spec)) {
            assertTrue(c.isValid(5));
        }
        BackupEntry e = new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(spec, "ssl off"), ProgressListener.NONE, CancelToken.none());
        assertEquals(2L, e.totalRows());
    }

    @Test
    void requireOnAServerWithoutSslIsRefusedByTheDriverAndByPgDump(TestDatabase db) {
        assumeTrue("off".equals(db.queryString("SHOW ssl")), "the test server has SSL on");
        ConnectionSpec spec = withSslMode(db, "require");
        LifeboatException jdbc = assertThrows(LifeboatException.class, () -> Pg.connect(spec).close());
        assertTrue(jdbc.getMessage().contains("does not support SSL") && jdbc.getMessage().contains("Choose SSL mode prefer"),
                "says what happened and what to do: " + jdbc.getMessage());
        LifeboatException dump = assertThrows(LifeboatException.class, () -> new BackupService(new ManifestStore(folder),
                PgToolLocator.standard(null)).create(BackupRequest.of(spec, "x"), ProgressListener.NONE, CancelToken.none()));
        assertTrue(dump.getMessage().contains("SSL"), dump.getMessage());
        assertFalse(dump.getMessage().contains(db.spec().password().orElseThrow()), dump.getMessage());
    }
}
