package dev.lifeboat.ui.common;

import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.settings.SettingsStore;
import dev.lifeboat.ui.manifest.ManifestModel;

/** What every screen shares: settings, the current manifest, the task runner, the dialogs and the password flow. */
public final class AppContext {
    private final SettingsStore settings;
    private final TaskExecutor runner;
    private final ManifestModel manifest;
    private final DialogService dialogs;
    private final Credentials credentials;

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


    public PgToolLocator tools() {
        return settings.tools(null);
    }
}
