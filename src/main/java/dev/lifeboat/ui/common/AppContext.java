package dev.lifeboat.ui.common;

import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.settings.Settings;
import dev.lifeboat.core.settings.SettingsStore;
import dev.lifeboat.ui.manifest.ManifestModel;

import java.nio.file.Path;

/** What every screen shares: settings, the current manifest, the task runner and the dialogs. */
public final class AppContext {
    private final SettingsStore settings;
    private final TaskRunner runner;
    private final ManifestModel manifest;
    private final DialogService dialogs;

    public AppContext(SettingsStore settings, TaskRunner runner, ManifestModel manifest, DialogService dialogs) {
        this.settings = settings;
        this.runner = runner;
        this.manifest = manifest;
        this.dialogs = dialogs;
    }

    public SettingsStore settings() {
        return settings;
    }

    public TaskRunner runner() {
        return runner;
    }

    public ManifestModel manifest() {
        return manifest;
    }

    public DialogService dialogs() {
        return dialogs;
    }


    public PgToolLocator tools() {
        Settings s = settings.load();
        return PgToolLocator.standard(s.pgBinFolder() == null || s.pgBinFolder().isBlank() ? null : Path.of(s.pgBinFolder()));
    }
}
