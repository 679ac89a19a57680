package dev.lifeboat.core.pg;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection parameters resolved as libpq resolves them: written, then service file, then environment. */
@ExtendWith(PgExtension.class)
class LibpqConventionsTest {
    @TempDir
    Path dir;

    @Test
    void environmentFillsWhatTheConnectionLeavesOut() {
        Map<String, String> env = Map.of("PGHOST", "db.example", "PGPORT", "6543", "PGUSER", "alice",
                "PGDATABASE", "ledger", "PGSSLMODE", "verify-full");
        ConnectionSpec s = ConnectionSpec.parse("postgresql:///", env);
        assertEquals("db.example", s.host());
        assertEquals(6543, s.port());
        assertEquals("alice", s.user());
        assertEquals("ledger", s.database());
        assertEquals("verify-full", s.options().get("sslmode"));
        assertTrue(s.toConninfo().contains("sslmode='verify-full'"), "the child tools get the same: " + s.toConninfo());
        ConnectionSpec written = ConnectionSpec.parse("host=other dbname=x", env);
        assertEquals("other", written.host(), "what is written wins");
        assertEquals(6543, written.port());
    }

    @Test
    void aServiceComesFromPgServiceFileBeforeTheEnvironment() throws Exception {
        Path file = dir.resolve("services.conf");
        Files.writeString(file, "# comment\n[other]\nhost=nothere\n[ledger]\nhost=svc.example\nport=7777\n"
                + "dbname=ledger_prod\nuser=backup\nsslmode=require\n");
        Map<String, String> env = Map.of("PGSERVICEFILE", file.toString(), "PGHOST", "env.example", "PGUSER", "envuser");
        for (String text : new String[]{"service=ledger", "postgresql:///?service=ledger"}) {
            ConnectionSpec s = ConnectionSpec.parse(text, env);
            assertEquals("svc.example", s.host(), text);
            assertEquals(7777, s.port());
            assertEquals("backup", s.user());
            assertEquals("ledger_prod", s.database());
            assertEquals("require", s.options().get("sslmode"));
            assertTrue(!s.toConninfo().contains("service"), "resolved once, for JDBC and the tools alike");
        }
        Map<String, String> byEnv = Map.of("PGSERVICEFILE", file.toString(), "PGSERVICE", "ledger");
        assertEquals("svc.example", ConnectionSpec.parse("dbname=x", byEnv).host(), "PGSERVICE");
        assertEquals("x", ConnectionSpec.parse("dbname=x", byEnv).database());
        LifeboatException missing = assertThrows(LifeboatException.class, () -> ConnectionSpec.parse("service=nope", env));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
    }

    @Test
    void aBackupThroughAServiceReachesTheServerWithJdbcAndPgDump(TestDatabase db) throws Exception {
        SampleData.create(db);
        Path file = dir.resolve("pg_service.conf");
        Files.writeString(file, "[test]\nhost=" + db.spec().host() + "\nport=" + db.spec().port() + "\ndbname="
                + db.name() + "\nuser=" + db.spec().user() + "\npassword=" + db.spec().password().orElseThrow() + "\n");
        ConnectionSpec viaService = ConnectionSpec.parse("service=test", Map.of("PGSERVICEFILE", file.toString()));
        BackupEntry e = new BackupService(new ManifestStore(dir.resolve("backups")), PgToolLocator.standard(null))
                .create(BackupRequest.of(viaService, "through a service"), ProgressListener.NONE, CancelToken.none());
        assertEquals(db.name(), e.database());
        assertEquals(5, e.tableCount());
    }
}
