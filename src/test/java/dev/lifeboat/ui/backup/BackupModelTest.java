package dev.lifeboat.ui.backup;

import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import dev.lifeboat.ui.common.ModelFixture;
import dev.lifeboat.ui.common.OperationTask;
import javafx.concurrent.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The backup screen's model without a window, against a server that asks for a password. */
@ExtendWith(PgExtension.class)
class BackupModelTest {
    @TempDir
    Path home;

    @TempDir
    Path folder;

    @Test
    void aWrongPasswordIsAskedAgainAndTheBackupIsRecordedOnce(TestDatabase db) throws Exception {
        SampleData.create(db);
        try (ModelFixture f = new ModelFixture(home, folder).answering("wrong", TestServer.ADMIN_PASSWORD)) {
            BackupModel model = new BackupModel(f.ctx);
            OperationTask<BackupEntry> t = f.onFx(() -> model.start(BackupRequest.of(db.spec().withPassword(null), "typed")));

            assertEquals(Worker.State.SUCCEEDED, f.onFx(t::getState), String.valueOf(f.onFx(t::getException)));
            assertEquals(2, f.asked.get(), "asked again after the wrong password");
            BackupEntry made = model.lastBackupProperty().get();
            assertEquals(5, made.tableCount());
            assertEquals(1, new ManifestStore(folder).load().backups().size());
            assertEquals("Backup complete", model.noticeProperty().get().title());
            assertTrue(f.dialogs.isEmpty(), "no error shown: " + f.dialogs);
        }
    }

    @Test
    void aDeclinedPromptShowsAnErrorAndRecordsNoBackup(TestDatabase db) throws Exception {
        SampleData.create(db);
        try (ModelFixture f = new ModelFixture(home, folder)) {
            BackupModel model = new BackupModel(f.ctx);
            OperationTask<BackupEntry> t = f.onFx(() -> model.start(BackupRequest.of(db.spec().withPassword(null), "declined")));

            assertEquals(Worker.State.FAILED, f.onFx(t::getState));
            assertEquals(1, f.dialogs.size(), f.dialogs.toString());
            assertTrue(f.dialogs.get(0).startsWith("error: The backup failed") && f.dialogs.get(0).contains("password"),
                    f.dialogs.get(0));
            assertEquals(0, new ManifestStore(folder).load().backups().size());
        }
    }
}
