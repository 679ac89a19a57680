package dev.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.S3TestServer;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The off-site commands as a script uses them, against a real S3 server, each run in its own JVM. */
@ExtendWith(PgExtension.class)
class OffsiteCliTest {
    @TempDir
    Path home;

    @TempDir
    Path folder;

    @TempDir
    Path s3root;

    record Run(int exit, String out, String err) {
    }

    /** Like CliRunner, with the environment a scheduled run would have: AWS keys and the database password. */
    private Run run(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "dev.lifeboat.Main", "--folder", folder.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(home.resolve("err.txt").toFile())
                .redirectOutput(home.resolve("out.txt").toFile());
        pb.environment().put("LIFEBOAT_HOME", home.toString());
        pb.environment().remove("LIFEBOAT_FOLDER");
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("lifeboat " + String.join(" ", args) + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(home.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(home.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static String uri(TestDatabase db) {
        return CliRunner.uri(db);
    }

    @Test
    void backupCopiesToTheAutomaticDestinationAndRestoresFromItWhenTheLocalFileIsGone(TestDatabase db) throws Exception {
        SampleData.create(db);
        try (S3TestServer s3 = new S3TestServer(s3root, "backups")) {
            Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY,
                    "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY,
                    "PGPASSWORD", db.spec().password().orElse(TestServer.ADMIN_PASSWORD));
            Run add = run(env, "destination", "add", "bucket", "s3://backups/ledger", "--endpoint", s3.endpoint(),
                    "--region", "us-east-1", "--path-style");
            assertEquals(0, add.exit(), add.err());
            assertEquals(0, run(env, "destination", "test", "bucket").exit());
            JsonNode listed = Json.MAPPER.readTree(run(env, "destination", "list", "--json").out());
            assertEquals("s3://backups/ledger", listed.get(0).get("url").asText());
            assertTrue(!Files.readString(folder.resolve("destinations.json")).contains(S3TestServer.SECRET_KEY));

            Run backup = run(env, "backup", "--db", uri(db), "--json");
            assertEquals(0, backup.exit(), backup.err());
            JsonNode entry = Json.MAPPER.readTree(backup.out());
            JsonNode copy = entry.get("copies").get(0);
            assertEquals("bucket", copy.get("destination").asText());
            assertEquals("ok", copy.get("state").asText());
            assertEquals(entry.get("hash").asText(), copy.get("hash").asText());

            Run quick = run(env, "verify", "latest", "--depth", "quick", "--at", "bucket");
            assertEquals(0, quick.exit(), quick.out() + quick.err());
            assertTrue(quick.out().contains("Result: PASSED"), quick.out());

            Path object = s3.objectFile("backups", "ledger/" + entry.get("file").asText());
            try (RandomAccessFile raf = new RandomAccessFile(object.toFile(), "rw")) {
                raf.seek(100);
                int b = raf.read();
                raf.seek(100);
                raf.write(b ^ 0xff);
            }
            Run caught = run(env, "verify", "latest", "--at", "bucket"); // quick is the depth a copy is checked at
            assertEquals(ErrorCode.VERIFY_FAILED.exitCode(), caught.exit(), caught.out() + caught.err());
            Run health = run(env, "health", "--json");
            assertEquals(2, health.exit(), health.out());
            assertTrue(health.out().contains("Off-site copies failing their check"), health.out());

            assertEquals(0, run(env, "copy", "latest", "--to", "bucket").exit());
            Files.delete(folder.resolve(entry.get("file").asText()));
            String restored = db.name() + "__restored";
            Run restore = run(env, "restore", "latest", "--to", uri(db), "--mode", "new", "--new-name", restored,
                    "--from", "bucket", "--yes");
            assertEquals(0, restore.exit(), restore.out() + restore.err());
            assertEquals(120L, TestServer.queryLong(db.spec().withDatabase(restored),
                    "SELECT count(*) FROM public.customers"));

            assertEquals(0, run(env, "retention", "set", "--destination", "bucket", "--keep-last", "1").exit());
            Run prune = run(env, "prune");
            assertEquals(0, prune.exit(), prune.err());
            assertTrue(prune.out().contains("At bucket: 1 copy kept, 0 deleted."), prune.out());
        }
    }
}
