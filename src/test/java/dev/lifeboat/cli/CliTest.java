package dev.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI contract that scripts and schedulers rely on: commands, JSON output and exit codes. */
@ExtendWith(PgExtension.class)
class CliTest {
    @TempDir
    Path home;

    @TempDir
    Path folder;

    private static String uri(TestDatabase db) {
        return CliRunner.uri(db);
    }

    @Test
    void backupListVerifyAndImportWithDocumentedExitCodes(TestDatabase db) throws Exception {
        SampleData.create(db);
        CliRunner cli = new CliRunner(home);
        CliRunner.Run backup = cli.run("--folder", folder.toString(), "backup", "--db", uri(db),
                "--description", "nightly", "--tag", "scheduled", "--json");
        assertEquals(0, backup.exit(), backup.err());
        JsonNode entry = Json.MAPPER.readTree(backup.out());
        assertEquals("nightly", entry.get("description").asText());
        assertEquals("scheduled", entry.get("tags").get(0).asText());
        assertEquals(5, entry.get("table_count").asInt());

        CliRunner.Run list = cli.run("--folder", folder.toString(), "list", "--json");
        assertEquals(0, list.exit(), list.err());
        JsonNode entries = Json.MAPPER.readTree(list.out());
        assertEquals(1, entries.size());
        assertEquals(entry.get("id").asText(), entries.get(0).get("id").asText());

        CliRunner.Run human = cli.run("--folder", folder.toString(), "list");
        assertTrue(human.out().contains("nightly"), human.out());

        CliRunner.Run ok = cli.run("--folder", folder.toString(), "verify", "latest", "--depth", "archive");
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("[PASS] SHA-256"), ok.out());
        assertTrue(ok.out().contains("Result: PASSED"), ok.out());

        Path file = folder.resolve(entry.get("file").asText());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() - 10);
            int b = raf.read();
            raf.seek(raf.length() - 10);
            raf.write(b ^ 0xff);
        }
        CliRunner.Run bad = cli.run("--folder", folder.toString(), "verify", entry.get("id").asText(), "--depth", "quick",
                "--json");
        assertEquals(ErrorCode.VERIFY_FAILED.exitCode(), bad.exit(), bad.out() + bad.err());
        assertEquals("fail", Json.MAPPER.readTree(bad.out()).get("outcome").asText());

        Path loose = Files.createTempDirectory("lifeboat-loose").resolve("plain.sql");
        Files.writeString(loose, "CREATE TABLE t (i int);\n");
        CliRunner.Run imported = cli.run("--folder", folder.toString(), "import", loose.toString());
        assertEquals(0, imported.exit(), imported.err());
        assertTrue(Files.isRegularFile(folder.resolve("plain.sql")));
        assertEquals(2, Json.MAPPER.readTree(cli.run("--folder", folder.toString(), "list", "--json").out()).size());
    }

    @Test
    void restoreDryRunThenRestoreThenHistoryAndRollback(TestDatabase db) throws Exception {
        SampleData.create(db);
        CliRunner cli = new CliRunner(home);
        String f = folder.toString();
        assertEquals(0, cli.run("--folder", f, "backup", "--db", uri(db)).exit());
        db.execute("DELETE FROM public.customers WHERE id > 100 AND id NOT IN (SELECT customer_id FROM "
                + SampleData.MIXED + ")", "CREATE TABLE public.later (i int)");

        CliRunner.Run dry = cli.run("--folder", f, "restore", "latest", "--to", uri(db), "--dry-run", "--json");
        assertEquals(0, dry.exit(), dry.err());
        JsonNode plan = Json.MAPPER.readTree(dry.out());
        assertEquals("REPLACE", plan.get("mode").asText());
        assertTrue(dry.out().contains("later"), dry.out());
        assertTrue(plan.get("problems").isArray() && plan.get("problems").isEmpty(), dry.out());

        try (var open = dev.lifeboat.core.pg.Pg.connect(db.spec())) {
            CliRunner.Run busy = cli.run("--folder", f, "restore", "latest", "--to", uri(db), "--dry-run");
            assertTrue(busy.out().contains("other session(s) are connected") && busy.out().contains(
                    "Add --terminate-sessions"), "core says what; the CLI adds its flag: " + busy.out());
            assertTrue(open.isValid(1));
        }

        CliRunner.Run unconfirmed = cli.run("--folder", f, "restore", "latest", "--to", uri(db), "--terminate-sessions");
        assertEquals(ErrorCode.USAGE.exitCode(), unconfirmed.exit(), unconfirmed.err());
        assertTrue(unconfirmed.err().contains("--yes"), unconfirmed.err());
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'later'"), "nothing changed");

        CliRunner.Run run = cli.run("--folder", f, "restore", "latest", "--to", uri(db), "--terminate-sessions", "--yes");
        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.out().contains("lifeboat rollback op_"), run.out());
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'later'"));

        JsonNode history = Json.MAPPER.readTree(cli.run("--folder", f, "history", "--json").out());
        String op = history.get(0).get("id").asText();
        assertEquals("restore", history.get(0).get("kind").asText());
        CliRunner.Run back = cli.run("--folder", f, "rollback", op, "--yes");
        assertEquals(0, back.exit(), back.err());
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'later'"));
    }

    @Test
    void failuresExitWithTheirOwnCodeAndAMessageOnStderr() throws Exception {
        CliRunner cli = new CliRunner(home);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRunner.Run unreachable = cli.run("--folder", folder.toString(), "backup", "--db",
                "postgresql://postgres@127.0.0.1:" + port + "/x");
        assertEquals(ErrorCode.CONNECTION_FAILED.exitCode(), unreachable.exit());
        assertTrue(unreachable.err().startsWith("lifeboat: Cannot connect to 127.0.0.1:" + port), unreachable.err());

        CliRunner.Run usage = cli.run("--folder", folder.toString(), "verify");
        assertEquals(ErrorCode.USAGE.exitCode(), usage.exit());

        CliRunner.Run missing = cli.run("--folder", folder.toString(), "verify", "latest");
        assertEquals(ErrorCode.BACKUP_NOT_FOUND.exitCode(), missing.exit());

        CliRunner.Run unknownProfile = cli.run("--folder", folder.toString(), "backup", "--db", "prod");
        assertEquals(ErrorCode.USAGE.exitCode(), unknownProfile.exit());
        assertTrue(unknownProfile.err().contains("no saved connection named 'prod'"), unknownProfile.err());

        Files.writeString(folder.resolve("backup_manifest.json"), "{ not json");
        CliRunner.Run damaged = cli.run("--folder", folder.toString(), "list");
        assertEquals(ErrorCode.MANIFEST_DAMAGED.exitCode(), damaged.exit());
        assertTrue(damaged.err().contains("damaged"), damaged.err());
    }

    @Test
    void savedConnectionsAreUsableByNameAndHoldNoPassword(TestDatabase db) throws Exception {
        CliRunner cli = new CliRunner(home);
        String withPassword = "postgresql://" + db.spec().user() + ":NotStored-123@" + db.spec().host() + ":"
                + db.spec().port() + "/" + db.name();
        assertEquals(0, cli.run("connections", "add", "local", withPassword).exit());
        String settings = Files.readString(home.resolve("config/settings.json"));
        assertTrue(!settings.contains("NotStored-123"), settings);
        CliRunner.Run backup = cli.run("--folder", folder.toString(), "backup", "--db", "local");
        assertEquals(0, backup.exit(), backup.err());
    }
}
