package dev.lifeboat.ui.main;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.ui.backup.BackupModel;
import dev.lifeboat.ui.backup.NewBackupDialog;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.OperationModel;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.manifest.BackupRow;
import dev.lifeboat.ui.restore.RestoreModel;
import dev.lifeboat.ui.restore.RestoreWizard;
import dev.lifeboat.ui.retention.RetentionDialog;
import dev.lifeboat.ui.settings.SettingsDialog;
import dev.lifeboat.ui.verify.VerifyDialog;
import dev.lifeboat.ui.verify.VerifyModel;
import dev.lifeboat.ui.verify.VerifyReportView;
import javafx.stage.Window;
import org.controlsfx.control.Notifications;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The main window's thin controller: each action opens its screen's view and hands what the person
 * chose to that screen's model; the models call core through the executor and hold the state.
 */
public final class MainController {
    private final AppContext ctx;
    private final Supplier<Window> window;
    private final MainModel main;
    private final BackupModel backup;
    private final VerifyModel verify;
    private final RestoreModel restore;
    private final RecoveryModel recovery;

    MainController(AppContext ctx, Supplier<Window> window, Runnable historyChanged) {
        this.ctx = ctx;
        this.window = window;
        this.main = new MainModel(ctx);
        this.backup = new BackupModel(ctx);
        this.verify = new VerifyModel(ctx);
        this.restore = new RestoreModel(ctx, historyChanged);
        this.recovery = new RecoveryModel(ctx);
        for (OperationModel m : List.of(main, backup, verify, restore, recovery)) {
            m.noticeProperty().addListener((o, a, n) -> notify(n));
        }
        verify.reportProperty().addListener((o, a, r) -> {
            if (r != null) {
                VerifyReportView.open(window.get(), r, ctx.dialogs());
            }
        });
    }

    public MainModel main() {
        return main;
    }

    public BackupModel backup() {
        return backup;
    }

    public VerifyModel verify() {
        return verify;
    }

    public RestoreModel restore() {
        return restore;
    }

    public RecoveryModel recovery() {
        return recovery;
    }

    public void newBackup() {
        Optional<BackupRequest> req;
        dev.lifeboat.ui.copies.BackupCopyOptions offsite;
        try {
            offsite = new dev.lifeboat.ui.copies.BackupCopyOptions(ctx.manifest().store());
            req = new NewBackupDialog(window.get(), ctx.settings(), main.connectionProperty().get(), offsite)
                    .showAndWait();
        } catch (LifeboatException e) {
            ctx.dialogs().showError("Cannot start the backup", e);
            return;
        }
        req.ifPresent(r -> backup.start(r, offsite.copyTo()));
    }

    public void verify(List<BackupRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        new VerifyDialog(window.get(), rows.size() == 1 ? rows.get(0).id() : null, rows.size(), verify.defaultDepth())
                .showAndWait().ifPresent(choice -> {
                    ConnectionSpec scratch;
                    try {
                        scratch = verify.scratch(choice.scratch());
                    } catch (LifeboatException e) {
                        ctx.dialogs().showError("Cannot verify", e);
                        return;
                    }
                    for (BackupRow row : rows) {
                        verify.start(row.id(), choice.depth(), scratch, rows.size() == 1);
                    }
                });
    }

    public void restore(BackupRow row) {
        if (row == null) {
            return;
        }
        // The whole entry (its table list) is read from the catalog off the FX thread, then the wizard opens.
        OperationTask<BackupEntry> read = new OperationTask<BackupEntry>("Read backup " + row.id(), (p, c) -> ctx.manifest().full(row)).brief();
        read.setOnSucceeded(e -> {
            Optional<RestoreModel.Agreed> agreed;
            try {
                agreed = new RestoreWizard(window.get(), read.getValue(), restore, ctx.settings()).showAndWait();
            } catch (LifeboatException x) {
                ctx.dialogs().showError("Cannot restore", x);
                return;
            }
            agreed.ifPresent(restore::start);
        });
        read.setOnFailed(e -> ctx.dialogs().showError("Cannot restore", read.getException()));
        ctx.runner().start(read);
    }

    /** Opens the restore wizard for a backup named by id (History's "Restore to before"). */
    public void restoreBackup(String backupId) {
        ctx.manifest().rows().stream().filter(r -> r.id().equals(backupId)).findFirst().ifPresentOrElse(this::restore,
                () -> ctx.dialogs().showInfo("Backup not found", "The backup " + backupId + " is no longer in this folder."));
    }

    public void retention() {
        if (ctx.manifest().store() != null) {
            new RetentionDialog(window.get(), ctx.manifest().store(), ctx.dialogs(), ctx.runner(),
                    ctx.manifest()::reload).showAndWait();
        }
    }

    public void settings() {
        new SettingsDialog(window.get(), ctx.settings(), ctx.dialogs(), ctx.runner(), ctx.credentials()).showAndWait();
        main.refreshConnections();
    }

    public void chooseFolder() {
        ctx.dialogs().chooseFolder("Open a backup folder", main.folderProperty().get()).ifPresent(main::openFolder);
    }

    public void importBackups() {
        ctx.dialogs().chooseFolder("Import backups from a folder", null).ifPresent(recovery::importFrom);
    }

    public void startDemo() {
        main.startDemo(this::newBackup);
    }

    private void notify(OperationModel.Notice n) {
        try {
            Window w = window.get();
            if (n != null && w != null && w.isShowing()) {
                Notifications.create().title(n.title()).text(n.text()).owner(w).showInformation();
            }
        } catch (RuntimeException ignored) {
            // a notification is a courtesy; the operations panel shows the outcome too
        }
    }
}
