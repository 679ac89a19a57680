package dev.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A verification that could not run exits with its own code, not the failed-verification 50. */
@ExtendWith(PgExtension.class)
class CouldNotVerifyCliTest {
    @TempDir
    Path home;

    @TempDir
    Path folder;

    @Test
    void unreachableScratchServerExitsWithCouldNotVerify(TestDatabase db) throws Exception {
        SampleData.create(db);
        new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "good"), ProgressListener.NONE, CancelToken.none());
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRunner cli = new CliRunner(home);
        String scratch = "postgresql://postgres@127.0.0.1:" + port + "/postgres";
        CliRunner.Run human = cli.run("--folder", folder.toString(), "verify", "latest", "--depth", "full",
                "--scratch", scratch);
        assertEquals(ErrorCode.VERIFY_NOT_RUN.exitCode(), human.exit(), human.out() + human.err());
        assertNotEquals(ErrorCode.VERIFY_FAILED.exitCode(), human.exit());
        assertTrue(human.out().contains("Result: COULD NOT VERIFY"), human.out());
        assertTrue(human.out().contains("[NOT RUN] Test restore"), human.out());

        CliRunner.Run json = cli.run("--folder", folder.toString(), "verify", "latest", "--depth", "full",
                "--scratch", scratch, "--json");
        assertEquals(51, json.exit(), json.err());
        JsonNode report = Json.MAPPER.readTree(json.out());
        assertEquals("not_run", report.get("outcome").asText());
    }
}
