package dev.lifeboat.ui.main;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.demo.DemoDatabase;
import dev.lifeboat.core.manifest.BackupKeeping;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.OperationModel;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.manifest.BackupRow;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The main window's state: the saved connections and the one chosen, the open backup folder, the
 * demo database; and what its table's actions do (pin, delete, switch folder), each off the FX thread.
 */
public final class MainModel extends OperationModel {
    private final ObservableList<String> connections = FXCollections.observableArrayList();
    // One read-only view, kept: a listener added to a fresh wrapper would be lost when it is collected.
    private final ObservableList<String> connectionsView = FXCollections.unmodifiableObservableList(connections);
    private final ReadOnlyStringWrapper connection = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Path> folder = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConnectionSpec> demo = new ReadOnlyObjectWrapper<>();
    private DemoDatabase demoServer;

    public MainModel(AppContext ctx) {
        super(ctx);
        folder.set(ctx.manifest().store() == null ? null : ctx.manifest().store().folder());
        refreshConnections();
    }

    /** The names of the saved connections, as the toolbar lists them. */
    public ObservableList<String> connections() {
        return connectionsView;
    }

    /** The saved connection chosen in the toolbar; New backup suggests it. */
    public ReadOnlyStringProperty connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public void selectConnection(String name) {
        connection.set(name);
    }

    /** The backup folder open now. */
    public ReadOnlyObjectProperty<Path> folderProperty() {
        return folder.getReadOnlyProperty();
    }

    /** The demo server's connection while it runs, else null. */
    public ReadOnlyObjectProperty<ConnectionSpec> demoProperty() {
        return demo.getReadOnlyProperty();
    }

    /** Reads the saved connections again (Settings closed, the demo saved one); keeps the choice when it remains. */
    public void refreshConnections() {
        String current = connection.get();
        connections.setAll(ctx.settings().load().connections().stream().map(ConnectionProfile::name).toList());
        connection.set(current != null && connections.contains(current) ? current
                : connections.isEmpty() ? null : connections.get(0));
    }

    /** Pins or unpins the backup (core's verb), off the FX thread. */
    public OperationTask<Void> togglePin(BackupRow row) {
        ManifestStore store = ctx.manifest().store();
        boolean pin = !row.entry().pinnedOrFalse();
        OperationTask<Void> t = new OperationTask<Void>((pin ? "Pin " : "Unpin ") + row.id(), (p, c) -> {
            new BackupKeeping(store).pin(row.id(), pin);
            return null;
        }).brief();
        t.setOnSucceeded(e -> ctx.manifest().reload());
        t.setOnFailed(e -> failed("Cannot change the pin", t.getException()));
        return ctx.runner().start(t);
    }

    /**
     * Deletes the backups after a confirmation naming them; a backup that a running verify or
     * restore reads is refused. Returns the task, or null when nothing was started.
     */
    public OperationTask<List<String>> delete(List<BackupRow> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        List<String> busy = rows.stream().map(BackupRow::id).filter(ctx.backupsInUse()::contains).toList();
        if (!busy.isEmpty()) {
            ctx.dialogs().showInfo("Backup in use", String.join(", ", busy) + " is being verified or restored. "
                    + "Delete it when that operation has ended.");
            return null;
        }
        ManifestStore store = ctx.manifest().store();
        String what = rows.size() == 1 ? "the file " + rows.get(0).entry().file() + " and its manifest entry"
                : rows.size() + " backup files and their manifest entries";
        if (!ctx.dialogs().confirm("Delete", "This removes " + what + " from " + store.folder() + ". It cannot be undone.",
                rows.size() == 1 ? "Delete backup " + rows.get(0).id() : "Delete " + rows.size() + " backups")) {
            return null;
        }
        List<String> ids = rows.stream().map(BackupRow::id).toList();
        OperationTask<List<String>> t = new OperationTask<>("Delete " + rows.size() + " backup(s)",
                (p, c) -> new BackupKeeping(store).delete(ids));
        t.setOnSucceeded(e -> ctx.manifest().reload());
        t.setOnFailed(e -> failed("Deleting failed", t.getException()));
        return ctx.runner().start(t);
    }

    /** Opens another backup folder once a real file could be written in it; an unwritable one is refused. */
    public OperationTask<Path> openFolder(Path chosen) {
        OperationTask<Path> t = new OperationTask<>("Open " + chosen, (p, c) -> {
            String unusable = unwritable(chosen);
            if (unusable != null) {
                throw new LifeboatException(ErrorCode.IO_ERROR, "Lifeboat cannot write in " + chosen + " (" + unusable
                        + "). Choose a folder you may write in; the current folder stays open.");
            }
            ctx.settings().update(s -> s.withBackupFolder(chosen.toString()));
            return chosen;
        });
        t.setOnSucceeded(e -> {
            ctx.manifest().open(chosen);
            folder.set(chosen);
        });
        t.setOnFailed(e -> failed("Cannot use this folder", t.getException()));
        return ctx.runner().start(t);
    }

    /** Why backups could not be written in the folder, or null when they can (tried with a real file). */
    private static String unwritable(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.deleteIfExists(Files.createTempFile(folder, ".lifeboat-write-check", ".tmp"));
            return null;
        } catch (IOException | RuntimeException e) {
            return e.getClass().getSimpleName().replace("Exception", "") + ": " + e.getMessage();
        }
    }

    /** Puts the manifest's .bak copy back in place of a damaged manifest. */
    public OperationTask<Path> restoreManifestFromBak() {
        ManifestStore store = ctx.manifest().store();
        OperationTask<Path> t = new OperationTask<>("Restore the manifest from its .bak copy", (p, c) -> store.restoreBackupCopy());
        t.setOnSucceeded(e -> {
            ctx.manifest().reload();
            ctx.dialogs().showInfo("Manifest restored", "The manifest was restored from its .bak copy. The damaged file is "
                    + "kept as " + t.getValue() + ".");
        });
        t.setOnFailed(e -> failed("Cannot restore the manifest", t.getException()));
        return ctx.runner().start(t);
    }

    /**
     * Starts the embedded demo server (again, after a restart: on the port its saved connection
     * names when free) and saves its connection; {@code started} runs once it is up.
     */
    public OperationTask<DemoDatabase> startDemo(Runnable started) {
        if (demoServer != null) {
            ctx.dialogs().showInfo("Demo database", "The demo database is running: " + demoServer.connection().display() + ".");
            return null;
        }
        OperationTask<DemoDatabase> t = new OperationTask<>("Start the demo database", (p, c) -> {
            p.step("Starting an embedded PostgreSQL with a small shop database");
            int port = ctx.settings().load().connection("demo").map(ConnectionProfile::port).orElse(0);
            DemoDatabase db = DemoDatabase.start(port);
            ctx.settings().update(s -> s.withConnection(ConnectionProfile.from("demo", db.connection(), false)));
            return db;
        });
        t.setOnSucceeded(e -> {
            demoServer = t.getValue();
            demo.set(demoServer.connection());
            refreshConnections();
            connection.set("demo");
            started.run();
        });
        t.setOnFailed(e -> failed("The demo database could not start", t.getException()));
        return ctx.runner().start(t);
    }

    /** Stops the demo server, if this app started one (when the app closes). */
    public void stopDemo() {
        if (demoServer != null) {
            demoServer.close();
            demoServer = null;
            demo.set(null);
        }
    }
}
