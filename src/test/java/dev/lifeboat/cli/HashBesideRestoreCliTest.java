package dev.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * restore --yes leaves the SHA-256 to the restore, which checks it while pg_restore runs (decision
 * 011): a file that does not match is refused with the message and exit code of a refused plan, and
 * the new database is gone; --dry-run still checks it in the plan.
 */
@ExtendWith(PgExtension.class)
class HashBesideRestoreCliTest {
    @TempDir
    Path home;

    @TempDir
    Path folder;

    @Test
    void aFileThatDoesNotMatchItsManifestIsRefusedAndLeavesNoDatabase(TestDatabase db) throws Exception {
        SampleData.create(db);
        CliRunner cli = new CliRunner(home);
        CliRunner.Run backup = cli.run("--folder", folder.toString(), "backup", "--db", CliRunner.uri(db), "--json");
        assertEquals(0, backup.exit(), backup.err());
        JsonNode entry = Json.MAPPER.readTree(backup.out());
        Path manifest = folder.resolve(ManifestStore.FILE_NAME);
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        Files.writeString(manifest, text.replace(entry.get("hash").asText(), "0".repeat(64)), StandardCharsets.UTF_8);
        String copy = db.name() + "__beside";

        CliRunner.Run dry = cli.run("--folder", folder.toString(), "restore", "latest", "--to", CliRunner.uri(db),
                "--mode", "new", "--new-name", copy, "--dry-run");
        assertEquals(ErrorCode.RESTORE_REFUSED.exitCode(), dry.exit(), dry.out() + dry.err());
        assertTrue(dry.out().contains("SHA-256 does not match the manifest"), dry.out());

        CliRunner.Run run = cli.run("--folder", folder.toString(), "restore", "latest", "--to", CliRunner.uri(db),
                "--mode", "new", "--new-name", copy, "--yes");
        assertEquals(ErrorCode.RESTORE_REFUSED.exitCode(), run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("The restore was refused and nothing was changed:\n- The backup's SHA-256 does "
                + "not match the manifest"), run.err());
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_database WHERE datname = '" + copy + "'"));
    }
}
