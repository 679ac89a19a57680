package dev.lifeboat.cli;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets a clear message and the documented exit code (issue 12, item 13). */
@ExtendWith(PgExtension.class)
class MessagesCliTest {
    @TempDir
    Path home;

    @TempDir
    Path folder;

    @Test
    void aPortOutOfRangeIsInvalidInputWithoutJdbcNoise() throws Exception {
        CliRunner.Run r = new CliRunner(home).run("--folder", folder.toString(), "backup", "--db",
                "postgresql://someone@localhost:70000/ledger");
        assertEquals(ErrorCode.USAGE.exitCode(), r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("out of range"), r.err());
        assertFalse(r.err().contains("Unable to parse") || r.err().contains("jdbc:") || r.err().contains("WARNING"),
                r.err());
    }

    @Test
    void healthOfAFolderThatDoesNotExistIsCritical() throws Exception {
        CliRunner.Run r = new CliRunner(home).run("--folder", folder.resolve("not-there").toString(), "health");
        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("does not exist"), r.out());
    }

    @Test
    void aLineBreakInADescriptionOrDatabaseNameKeepsListOneLinePerBackup(TestDatabase db) throws Exception {
        SampleData.create(db);
        new BackupService(new ManifestStore(folder), PgToolLocator.standard(null)).create(
                BackupRequest.of(db.spec(), "first line\nsecond line\r\tend"), ProgressListener.NONE, CancelToken.none());
        CliRunner.Run r = new CliRunner(home).run("--folder", folder.toString(), "list");
        assertEquals(0, r.exit(), r.err());
        List<String> lines = r.out().lines().filter(l -> !l.isBlank() && !l.matches("\\d\\d:\\d\\d:\\d\\d.*")).toList();
        assertEquals(2, lines.size(), r.out());
        assertTrue(lines.get(1).contains("first line\\nsecond line\\r\\tend"), lines.get(1));
    }
}
