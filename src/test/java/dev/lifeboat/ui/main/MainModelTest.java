package dev.lifeboat.ui.main;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.crypto.AgeKeys;
import dev.lifeboat.core.crypto.IdentitySetting;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.ui.common.ModelFixture;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.manifest.BackupRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main window's model without a window: pin, delete, folders, recover; each through the executor. */
@ExtendWith(PgExtension.class)
class MainModelTest {
    @TempDir
    Path home;

    @TempDir
    Path folder;

    private BackupEntry backup(TestDatabase db) {
        SampleData.create(db);
        return new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "kept"), ProgressListener.NONE, CancelToken.none());
    }

    private static BackupRow row(BackupEntry e) {
        return BackupRow.of(e, true);
    }

    @Test
    void pinThenUnpinWritesTheManifestThroughCoresVerb(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        try (ModelFixture f = new ModelFixture(home, folder)) {
            MainModel model = new MainModel(f.ctx);
            java.util.List<String> listed = new java.util.ArrayList<>();
            f.executor.tasks().addListener((javafx.collections.ListChangeListener<OperationTask<?>>) c -> {
                while (c.next()) {
                    c.getAddedSubList().forEach(t -> listed.add(t.getTitle()));
                }
            });
            f.onFx(() -> model.togglePin(row(e)));
            BackupEntry pinned = new ManifestStore(folder).find(e.id());
            assertTrue(pinned.pinnedOrFalse());
            f.onFx(() -> model.togglePin(row(pinned)));
            assertFalse(new ManifestStore(folder).find(e.id()).pinnedOrFalse());
            assertEquals(List.of("Pin " + e.id(), "Unpin " + e.id()), listed, "each change is a listed job");
            assertTrue(f.executor.tasks().isEmpty(), "a brief job leaves the list once it succeeded");
        }
    }

    @Test
    void aBackupInUseIsNotDeletedAndAConfirmedDeleteRemovesFileAndEntry(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        try (ModelFixture f = new ModelFixture(home, folder)) {
            MainModel model = new MainModel(f.ctx);
            // While an operation reads the backup (the same-thread executor runs it now), delete is refused.
            f.onFx(() -> f.ctx.using(e.id(), new OperationTask<Void>("Verify " + e.id(), (p, c) -> {
                assertNull(model.delete(List.of(row(e))));
                return null;
            })));
            assertTrue(f.dialogs.get(0).startsWith("info: Backup in use"), f.dialogs.toString());
            assertTrue(Files.exists(folder.resolve(e.file())));

            f.confirming(false);
            assertNull(f.onFx(() -> model.delete(List.of(row(e)))));
            assertTrue(Files.exists(folder.resolve(e.file())), "declined: nothing deleted");
            assertTrue(f.dialogs.get(1).startsWith("confirm: Delete backup " + e.id()), f.dialogs.toString());

            f.confirming(true);
            f.onFx(() -> model.delete(List.of(row(e))));
            assertFalse(Files.exists(folder.resolve(e.file())));
            assertEquals(0, new ManifestStore(folder).load().backups().size());
        }
    }

    @Test
    void anUnwritableFolderIsRefusedAndTheCurrentOneStaysOpen() throws Exception {
        try (ModelFixture f = new ModelFixture(home, folder)) {
            MainModel model = new MainModel(f.ctx);
            Path impossible = Files.writeString(home.resolve("a-file"), "x").resolve("backups");
            f.onFx(() -> model.openFolder(impossible));
            assertEquals(folder, model.folderProperty().get());
            assertTrue(f.dialogs.get(0).startsWith("error: Cannot use this folder") && f.dialogs.get(0).contains(impossible.toString()),
                    f.dialogs.toString());

            Path other = home.resolve("other backups");
            f.onFx(() -> model.openFolder(other));
            assertEquals(other, model.folderProperty().get());
            assertEquals(other, f.ctx.manifest().store().folder());
            assertEquals(other.toString(), f.ctx.settings().load().backupFolder());
        }
    }

    @Test
    void recoverListsTheLeftoversFirstAndCleansOnlyOnceConfirmed() throws Exception {
        Path partial = Files.writeString(folder.resolve("ledger_20260101_000000.dump.partial"), "half a dump");
        try (ModelFixture f = new ModelFixture(home, folder).confirming(false)) {
            RecoveryModel model = new RecoveryModel(f.ctx);
            f.onFx(model::recover);
            assertTrue(f.dialogs.get(0).startsWith("confirm: Clean 1 leftover(s)") && f.dialogs.get(0).contains(partial
                    .getFileName().toString()), f.dialogs.toString());
            assertTrue(Files.exists(partial), "declined: nothing cleaned");

            f.confirming(true);
            f.onFx(model::recover);
            assertFalse(Files.exists(partial));
            assertEquals(1, model.recoveredProperty().get().cleaned().size());
            f.onFx(model::recover);
            assertTrue(f.dialogs.get(f.dialogs.size() - 1).startsWith("info: Nothing to recover"), f.dialogs.toString());
        }
    }

    @Test
    void importFromAnotherFolderAdoptsItsDumpsIntoTheOpenCatalog(TestDatabase db) throws Exception {
        SampleData.create(db);
        Path elsewhere = Files.createDirectories(home.resolve("old backups"));
        new BackupService(new ManifestStore(elsewhere), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "made elsewhere"), ProgressListener.NONE, CancelToken.none());
        try (ModelFixture f = new ModelFixture(home, folder)) {
            RecoveryModel model = new RecoveryModel(f.ctx);
            f.onFx(() -> model.importFrom(elsewhere));
            assertEquals(1, model.importedProperty().get().added().size(), f.dialogs.toString());
            assertEquals(1, new ManifestStore(folder).load().backups().size());
            assertTrue(f.dialogs.get(0).startsWith("info: Import finished | 1 backup(s) imported"), f.dialogs.toString());
        }
    }

    @Test
    void importOfAnEncryptedFolderUsesTheIdentityChosenInTheApp(TestDatabase db) throws Exception {
        SampleData.create(db);
        Path key = home.resolve("key.txt");
        Path elsewhere = Files.createDirectories(home.resolve("sealed backups"));
        new BackupService(new ManifestStore(elsewhere), PgToolLocator.standard(null)).create(BackupRequest.of(db.spec(),
                "sealed elsewhere").withJobs(2).withEncryptTo(List.of(AgeKeys.generate(key))), ProgressListener.NONE,
                CancelToken.none());
        new IdentitySetting(key.toString()).save(home);
        try (ModelFixture f = new ModelFixture(home, folder)) {
            RecoveryModel model = new RecoveryModel(f.ctx);
            f.onFx(() -> model.importFrom(elsewhere));
            assertEquals(1, model.importedProperty().get().added().size(), f.dialogs.toString());
            BackupEntry in = new ManifestStore(folder).load().backups().get(0);
            assertTrue(in.isEncrypted() && "directory".equals(in.format()), in.toString());
        }
    }
}
