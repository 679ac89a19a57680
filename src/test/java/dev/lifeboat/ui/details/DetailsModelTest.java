package dev.lifeboat.ui.details;

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
import dev.lifeboat.ui.common.ModelFixture;
import dev.lifeboat.ui.manifest.BackupRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The details pane's model without a window: the whole entry and the archive's contents, read through the executor. */
@ExtendWith(PgExtension.class)
class DetailsModelTest {
    @TempDir
    Path home;

    @TempDir
    Path folder;

    @Test
    void aSelectedBackupShowsItsWholeEntryAndItsArchivesTablesAndAMissingFileSaysSo(TestDatabase db) throws Exception {
        SampleData.create(db);
        BackupEntry e = new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "shown"), ProgressListener.NONE, CancelToken.none());
        try (ModelFixture f = new ModelFixture(home, folder)) {
            DetailsModel model = new DetailsModel(f.ctx);
            f.onFx(() -> model.show(BackupRow.of(e, true)));
            assertEquals(5, model.entryProperty().get().tables().size(), "the whole entry, with its tables");
            f.onFx(model::loadContents);
            assertTrue(model.contentsProperty().get().entries().stream()
                    .anyMatch(t -> t.kind().equals("TABLE") && t.name().equals("customers")), "the archive's contents");
            assertNull(model.contentsProblemProperty().get());
            assertTrue(f.executor.tasks().isEmpty(), "brief reads leave the operations list once done");

            Files.delete(folder.resolve(e.file()));
            f.onFx(() -> model.show(BackupRow.of(e, false)));
            assertNull(model.contentsProperty().get());
            f.onFx(model::loadContents);
            assertEquals("The backup file is missing.", model.contentsProblemProperty().get());
        }
    }
}
