package dev.lifeboat.cli;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pin, unpin and delete from the CLI: the same core verbs (BackupKeeping) as the app's context menu. */
@ExtendWith(PgExtension.class)
class KeepCliTest {
    @TempDir
    Path home;

    @TempDir
    Path folder;

    @Test
    void pinUnpinAndDeleteChangeTheManifestAndAMistypedIdDeletesNothing(TestDatabase db) throws Exception {
        SampleData.create(db);
        ManifestStore store = new ManifestStore(folder);
        BackupService backups = new BackupService(store, PgToolLocator.standard(null));
        BackupEntry a = backups.create(BackupRequest.of(db.spec(), "a"), ProgressListener.NONE, CancelToken.none());
        BackupEntry b = backups.create(BackupRequest.of(db.spec(), "b"), ProgressListener.NONE, CancelToken.none());
        CliRunner cli = new CliRunner(home);
        String f = folder.toString();

        assertEquals(0, cli.run("--folder", f, "pin", a.id()).exit());
        assertTrue(new ManifestStore(folder).find(a.id()).pinnedOrFalse());
        assertEquals(0, cli.run("--folder", f, "unpin", a.id()).exit());
        assertFalse(new ManifestStore(folder).find(a.id()).pinnedOrFalse());

        CliRunner.Run noTerminal = cli.run("--folder", f, "delete", a.id());
        assertEquals(2, noTerminal.exit(), noTerminal.err());
        CliRunner.Run mistyped = cli.run("--folder", f, "delete", a.id(), "no_such_backup", "--yes");
        assertEquals(40, mistyped.exit(), mistyped.err());
        assertTrue(Files.exists(folder.resolve(a.file())), "a mistyped id deletes nothing");

        CliRunner.Run deleted = cli.run("--folder", f, "delete", a.id(), "--yes");
        assertEquals(0, deleted.exit(), deleted.err());
        assertFalse(Files.exists(folder.resolve(a.file())));
        assertEquals(1, new ManifestStore(folder).load().backups().size());
        assertEquals(b.id(), new ManifestStore(folder).load().backups().get(0).id());
    }
}
