package dev.lifeboat.ui.main;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.demo.DemoDatabase;
import dev.lifeboat.core.manifest.BackupDeleter;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.restore.RestoreRequest;
import dev.lifeboat.core.restore.RestoreResult;
import dev.lifeboat.core.restore.RestoreService;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.VerifyReport;
import dev.lifeboat.core.verify.VerifyService;
import dev.lifeboat.ui.backup.NewBackupDialog;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.manifest.BackupRow;
import dev.lifeboat.ui.restore.RestoreWizard;
import dev.lifeboat.ui.settings.SettingsDialog;
import dev.lifeboat.ui.verify.VerifyDialog;
import dev.lifeboat.ui.verify.VerifyReportView;
import javafx.collections.FXCollections;
import javafx.collections.ObservableSet;
import javafx.stage.Window;
import org.controlsfx.control.Notifications;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What the toolbar, the context menu and the shortcuts do: each opens a dialog, then runs core in a task. */
public final class Actions {
    private final AppContext ctx;
    private final Supplier<Window> window;
    private final Runnable refreshHistory;
    private DemoDatabase demo;
    private String currentConnection;
    private Runnable connectionsChanged = () -> { };
    /** Backups a running operation reads (verify, restore): they cannot be deleted meanwhile. */
    private final ObservableSet<String> inUse = FXCollections.observableSet();

    Actions(AppContext ctx, Supplier<Window> window, Runnable refreshHistory) {
        this.ctx = ctx;
        this.window = window;
        this.refreshHistory = refreshHistory;
    }

    private ManifestStore store() {
        return ctx.manifest().store();
    }

    // ---------------------------------------------------------------- backup

    public void newBackup() {
        newBackup(currentConnection);
    }

    /** The ids of the backups that running operations use. */
    public ObservableSet<String> backupsInUse() {
        return inUse;
    }

    /** Marks the backup in use while the task runs (FX thread). */
    private <T> OperationTask<T> using(String backupId, OperationTask<T> task) {
        inUse.add(backupId);
        task.runningProperty().addListener((o, was, running) -> {
            if (!running && task.isDone()) {
                inUse.remove(backupId);
            }
        });
        return task;
    }

    /** Called when the saved connections may have changed (Settings closed, the demo saved one). */
    void onConnectionsChanged(Runnable listener) {
        this.connectionsChanged = listener;
    }

    /** The saved connection chosen in the toolbar; New backup suggests it. */
    void setCurrentConnection(String name) {
        this.currentConnection = name;
    }

    /** The age identity that opens encrypted backups: LIFEBOAT_AGE_IDENTITY, else the one chosen in Encryption. */
    private java.nio.file.Path identity() {
        return dev.lifeboat.core.crypto.IdentitySetting.resolve(ctx.settings().file().getParent());
    }

    /** Opens the restore wizard for a backup named by id (History's "Restore to before"). */
    public void restoreBackup(String backupId) {
        ctx.manifest().rows().stream().filter(r -> r.id().equals(backupId)).findFirst().ifPresentOrElse(this::restore,
                () -> ctx.dialogs().showInfo("Backup not found", "The backup " + backupId + " is no longer in this folder."));
    }

    public void retention() {
        if (store() != null) {
            new dev.lifeboat.ui.retention.RetentionDialog(window.get(), store(), ctx.dialogs(), ctx.manifest()::reload)
                    .showAndWait();
        }
    }

    void newBackup(String suggested) {
        Optional<BackupRequest> req;
        dev.lifeboat.ui.copies.BackupCopyOptions offsite;
        try {
            offsite = new dev.lifeboat.ui.copies.BackupCopyOptions(store());
            req = new NewBackupDialog(window.get(), ctx.settings(), suggested, offsite).showAndWait();
        } catch (LifeboatException e) {
            ctx.dialogs().showError("Cannot start the backup", e);
            return;
        }
        req.ifPresent(r -> startBackup(r, offsite.copyTo()));
    }

    /** A backup copied afterwards to the folder's automatic destinations, as the CLI does. */
    public OperationTask<BackupEntry> startBackup(BackupRequest r) {
        return startBackup(r, null);
    }

    /** @param copyTo the destinations to copy to afterwards; null: the automatic ones; empty: none */
    public OperationTask<BackupEntry> startBackup(BackupRequest r, List<String> copyTo) {
        ManifestStore store = store();
        PgToolLocator tools = ctx.tools();
        List<String> copyFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
        OperationTask<BackupEntry> t = new OperationTask<>("Backup of " + r.connection().database(),
                (p, c) -> ctx.credentials().withPassword(r.connection(), spec -> {
                    BackupEntry entry = new BackupService(store, tools).create(new BackupRequest(spec, r.description(),
                            r.tags(), r.estimatedCounts(), r.includeGlobals(), r.encryptTo()), p, c);
                    copyFailures.addAll(dev.lifeboat.ui.copies.CopiesModel.copyAfterBackup(store, entry, copyTo, p, c));
                    return entry;
                }));
        t.setOnSucceeded(e -> {
            ctx.manifest().reload();
            notify("Backup complete", t.getValue().file() + " (" + t.getValue().tableCount() + " tables)"
                    + (copyFailures.isEmpty() ? "" : "; copies failed: " + String.join("; ", copyFailures)));
        });
        t.setOnFailed(e -> failed("The backup failed", t.getException()));
        return ctx.runner().start(t);
    }

    // ---------------------------------------------------------------- verify

    public void verify(List<BackupRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        VerifyDepth depth = VerifyDepth.ARCHIVE;
        try {
            depth = VerifyDepth.parse(ctx.settings().load().defaultVerifyDepth());
        } catch (LifeboatException | NullPointerException ignored) {
            // keep archive
        }
        new VerifyDialog(window.get(), rows.size() == 1 ? rows.get(0).id() : null, rows.size(), depth).showAndWait().ifPresent(choice -> {
            ConnectionSpec scratch;
            try {
                scratch = choice.scratch() == null || choice.scratch().isBlank() ? null : ctx.settings().resolve(choice.scratch());
            } catch (LifeboatException e) {
                ctx.dialogs().showError("Cannot verify", e);
                return;
            }
            for (BackupRow row : rows) {
                startVerify(row.id(), choice.depth(), scratch, rows.size() == 1);
            }
        });
    }

    public OperationTask<VerifyReport> startVerify(String id, VerifyDepth depth, ConnectionSpec scratch, boolean openReport) {
        ManifestStore store = store();
        PgToolLocator tools = ctx.tools();
        OperationTask<VerifyReport> t = new OperationTask<>("Verify (" + depth.label() + ") " + id, (p, c) -> {
            if (depth != VerifyDepth.FULL) {
                return new VerifyService(store, tools, identity()).verify(id, depth, scratch, p, c);
            }
            // The password is settled before the verification starts: one that cannot log in records nothing.
            ConnectionSpec server = scratch != null ? scratch : VerifyService.scratchServerFor(store.find(id));
            return ctx.credentials().withPassword(server, ready -> new VerifyService(store, tools, identity())
                    .verify(id, depth, scratch != null ? ready : null, p, c));
        });
        t.setOnSucceeded(e -> {
            ctx.manifest().reload();
            VerifyReport r = t.getValue();
            notify(r.notRun() ? "Could not verify" : r.passed() ? "Verification passed" : "Verification FAILED", id + " (" + depth.label() + ")");
            if (openReport) {
                VerifyReportView.open(window.get(), r, ctx.dialogs());
            }
        });
        t.setOnFailed(e -> failed("The verification could not run", t.getException()));
        return ctx.runner().start(using(id, t));
    }

    // ---------------------------------------------------------------- restore

    public void restore(BackupRow row) {
        if (row == null) {
            return;
        }
        RestoreService service = restoreService();
        Optional<RestoreRequest> req;
        try {
            req = new RestoreWizard(window.get(), ctx.manifest().full(row), service, ctx.settings(), ctx.credentials(),
                    ctx.runner()).showAndWait();
        } catch (LifeboatException e) {
            ctx.dialogs().showError("Cannot restore", e);
            return;
        }
        req.ifPresent(r -> startRestore(service, r));
    }

    RestoreService restoreService() {
        return new RestoreService(store(), ctx.tools(), ctx.settings()::isProtected, ctx.credentials()::ensure, identity());
    }

    public OperationTask<RestoreResult> startRestore(RestoreService service, RestoreRequest r) {
        OperationTask<RestoreResult> t = new OperationTask<>("Restore " + r.backupId() + " into " + r.target().database(),
                (p, c) -> ctx.credentials().withPassword(r.target(), ready -> service.restore(r.withTarget(ready), p, c)));
        t.setOnSucceeded(e -> {
            ctx.manifest().reload();
            refreshHistory.run();
            RestoreResult res = t.getValue();
            ctx.dialogs().showInfo("Restore complete", "Restored " + r.backupId() + " into " + res.restoredDatabase() + "."
                    + (res.rollbackDatabase() == null ? "" : "\n\nThe previous database is kept as " + res.rollbackDatabase()
                    + ". Roll back or discard it in the History tab.")
                    + (res.safetyBackupId() == null ? "" : "\n\nA safety backup was taken first: " + res.safetyBackupId()));
        });
        t.setOnFailed(e -> {
            refreshHistory.run();
            failed("The restore failed", t.getException());
        });
        return ctx.runner().start(using(r.backupId(), t));
    }

    public void rollback(OperationRecord op) {
        if (op == null || op.rollbackDatabase() == null) {
            ctx.dialogs().showInfo("Nothing to roll back", "Choose a restore that kept a rollback point.");
            return;
        }
        if (!ctx.dialogs().confirm("Roll back", "Put " + op.rollbackDatabase() + " back as " + op.target()
                + "? The restored database is kept aside.", "Roll back " + op.target())) {
            return;
        }
        RestoreService service = restoreService();
        OperationTask<OperationRecord> t = new OperationTask<>("Roll back " + op.target(), (p, c) -> service.rollback(op.id()));
        t.setOnSucceeded(e -> {
            refreshHistory.run();
            notify("Rolled back", t.getValue().message());
        });
        t.setOnFailed(e -> failed("The rollback failed", t.getException()));
        ctx.runner().start(t);
    }

    public void discard(OperationRecord op) {
        if (op == null || op.rollbackDatabase() == null) {
            return;
        }
        if (!ctx.dialogs().confirm("Discard rollback point", "Drop database " + op.rollbackDatabase()
                + " for good? It cannot be undone.", "Drop " + op.rollbackDatabase())) {
            return;
        }
        RestoreService service = restoreService();
        OperationTask<OperationRecord> t = new OperationTask<>("Discard " + op.rollbackDatabase(), (p, c) -> service.discard(op.id()));
        t.setOnSucceeded(e -> refreshHistory.run());
        t.setOnFailed(e -> failed("Discarding failed", t.getException()));
        ctx.runner().start(t);
    }

    // ---------------------------------------------------------------- manage

    public void delete(List<BackupRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> busy = rows.stream().map(BackupRow::id).filter(inUse::contains).toList();
        if (!busy.isEmpty()) {
            ctx.dialogs().showInfo("Backup in use", String.join(", ", busy) + " is being verified or restored. "
                    + "Delete it when that operation has ended.");
            return;
        }
        String what = rows.size() == 1 ? "the file " + rows.get(0).entry().file() + " and its manifest entry"
                : rows.size() + " backup files and their manifest entries";
        if (!ctx.dialogs().confirm("Delete", "This removes " + what + " from " + store().folder() + ". It cannot be undone.",
                rows.size() == 1 ? "Delete backup " + rows.get(0).id() : "Delete " + rows.size() + " backups")) {
            return;
        }
        ManifestStore store = store();
        OperationTask<Void> t = new OperationTask<>("Delete " + rows.size() + " backup(s)", (p, c) -> {
            for (BackupRow r : rows) {
                BackupDeleter.delete(store, r.id());
            }
            return null;
        });
        t.setOnSucceeded(e -> ctx.manifest().reload());
        t.setOnFailed(e -> failed("Deleting failed", t.getException()));
        ctx.runner().start(t);
    }

    public void togglePin(BackupRow row) {
        if (row == null) {
            return;
        }
        // The manifest is written off the FX thread, as every file and database access is.
        ManifestStore store = store();
        boolean pin = !row.entry().pinnedOrFalse();
        OperationTask<Void> t = new OperationTask<>((pin ? "Pin " : "Unpin ") + row.id(), (p, c) -> {
            store.replace(row.id(), e -> e.withPinned(pin));
            return null;
        });
        t.setOnSucceeded(e -> ctx.manifest().reload());
        t.setOnFailed(e -> failed("Cannot change the pin", t.getException()));
        ctx.runner().start(t);
    }

    public void settings() {
        new SettingsDialog(window.get(), ctx.settings(), ctx.dialogs(), ctx.runner(), ctx.credentials()).showAndWait();
        connectionsChanged.run();
    }

    public void openFolder(Path folder) {
        String unusable = unwritable(folder);
        if (unusable != null) {
            ctx.dialogs().showError("Cannot use this folder", new LifeboatException(ErrorCode.IO_ERROR,
                    "Lifeboat cannot write in " + folder + " (" + unusable + "). Choose a folder you may write in; "
                    + "the current folder stays open."));
            return;
        }
        ctx.manifest().open(folder);
        ctx.settings().update(s -> s.withBackupFolder(folder.toString()));
        refreshHistory.run();
    }

    /** Why backups could not be written in the folder, or null when they can (tried with a real file). */
    private static String unwritable(Path folder) {
        try {
            java.nio.file.Files.createDirectories(folder);
            java.nio.file.Files.deleteIfExists(java.nio.file.Files.createTempFile(folder, ".lifeboat-write-check", ".tmp"));
            return null;
        } catch (java.io.IOException | RuntimeException e) {
            return e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage();
        }
    }

    public void chooseFolder() {
        ctx.dialogs().chooseFolder("Open a backup folder", store() == null ? null : store().folder())
                .ifPresent(this::openFolder);
    }

    public void restoreManifestFromBak() {
        try {
            Path aside = store().restoreBackupCopy();
            ctx.manifest().reload();
            ctx.dialogs().showInfo("Manifest restored", "The manifest was restored from its .bak copy. The damaged file is "
                    + "kept as " + aside + ".");
        } catch (LifeboatException e) {
            ctx.dialogs().showError("Cannot restore the manifest", e);
        }
    }

    /** Starts the embedded demo server, saves a connection for it, and offers the first backup. */
    public void startDemo() {
        if (demo != null) {
            ctx.dialogs().showInfo("Demo database", "The demo database is running: " + demo.connection().display() + ".");
            return;
        }
        OperationTask<DemoDatabase> t = new OperationTask<>("Start the demo database", (p, c) -> {
            p.step("Starting an embedded PostgreSQL with a small shop database");
            int port = ctx.settings().load().connection("demo").map(ConnectionProfile::port).orElse(0);
            return DemoDatabase.start(port);
        });
        t.setOnSucceeded(e -> {
            demo = t.getValue();
            ConnectionSpec spec = demo.connection();
            ctx.settings().update(s -> s.withConnection(ConnectionProfile.from("demo", spec, false)));
            currentConnection = "demo";
            connectionsChanged.run();
            newBackup("demo");
        });
        t.setOnFailed(e -> failed("The demo database could not start", t.getException()));
        ctx.runner().start(t);
    }

    void stopDemo() {
        if (demo != null) {
            demo.close();
            demo = null;
        }
    }

    // ---------------------------------------------------------------- helpers

    private void failed(String title, Throwable error) {
        if (error instanceof LifeboatException le && le.code() == ErrorCode.CANCELLED) {
            notify("Cancelled", le.getMessage());
            return;
        }
        ctx.dialogs().showError(title, error);
    }

    private void notify(String title, String text) {
        try {
            Window w = window.get();
            if (w != null && w.isShowing()) {
                Notifications.create().title(title).text(text).owner(w).showInformation();
            }
        } catch (RuntimeException ignored) {
            // a notification is a courtesy; the operations panel shows the outcome too
        }
    }
}
