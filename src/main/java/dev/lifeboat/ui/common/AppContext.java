package dev.lifeboat.ui.common;

import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.settings.SettingsStore;
import dev.lifeboat.ui.manifest.ManifestModel;
import javafx.collections.FXCollections;
import javafx.concurrent.Worker;
import javafx.collections.ObservableSet;

/** What every screen shares: settings, the current manifest, the task runner, the dialogs and the password flow. */
public final class AppContext {
    private final SettingsStore settings;
    private final TaskExecutor runner;
    private final ManifestModel manifest;
    private final DialogService dialogs;
    private final Credentials credentials;
    /** Backups a running operation reads (verify, restore): no screen may delete them meanwhile. */
    private final ObservableSet<String> inUse = FXCollections.observableSet();
    private final ObservableSet<String> inUseView = FXCollections.unmodifiableObservableSet(inUse);

    public AppContext(SettingsStore settings, TaskExecutor runner, ManifestModel manifest, DialogService dialogs,
                      Credentials credentials) {
        this.settings = settings;
        this.runner = runner;
        this.manifest = manifest;
        this.dialogs = dialogs;
        this.credentials = credentials;
    }

    public SettingsStore settings() {
        return settings;
    }

    public TaskExecutor runner() {
        return runner;
    }

    public ManifestModel manifest() {
        return manifest;
    }

    public DialogService dialogs() {
        return dialogs;
    }

    /** Core's password flow, answered by the password dialog; every operation that connects goes through it. */
    public Credentials credentials() {
        return credentials;
    }


    /** The ids of the backups that running operations read; read-only, see {@link #using}. */
    public ObservableSet<String> backupsInUse() {
        return inUseView;
    }

    /** Starts the task with the backup marked in use until it has ended (call on the FX thread). */
    public <T> OperationTask<T> using(String backupId, OperationTask<T> task) {
        inUse.add(backupId);
        // By state, not isDone(): the FX side sees SUCCEEDED before the worker has completed the future.
        task.stateProperty().addListener((o, was, state) -> {
            if (ended(state)) {
                inUse.remove(backupId);
            }
        });
        runner.start(task);
        if (ended(task.getState())) {
            inUse.remove(backupId); // a same-thread executor has finished it already
        }
        return task;
    }

    private static boolean ended(Worker.State state) {
        return state == Worker.State.SUCCEEDED || state == Worker.State.FAILED || state == Worker.State.CANCELLED;
    }

    public PgToolLocator tools() {
        return settings.tools(null);
    }
}
