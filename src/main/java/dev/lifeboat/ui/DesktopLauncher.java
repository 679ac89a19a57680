package dev.lifeboat.ui;

import dev.lifeboat.LogSetup;
import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.settings.Settings;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.ui.common.TaskRunner;
import dev.lifeboat.ui.common.Theme;
import dev.lifeboat.ui.log.UiLogAppender;

/** Starts the JavaFX application; kept apart so the CLI never loads JavaFX classes. */
public final class DesktopLauncher {
    private DesktopLauncher() {
    }

    public static void launch(String[] args) {
        TaskRunner.atStartUp(DesktopLauncher::prepare);
        javafx.application.Application.launch(LifeboatApp.class, args);
    }

    /**
     * What the window's thread would otherwise do first, done on the second core while the toolkit
     * starts on the first (a third of a second): logging with the log pane's appender, Jackson for the
     * settings and the catalog, and the desktop's light or dark preference (a process start). Each is
     * a step the window takes anyway; one the window reaches first waits for it, never runs twice.
     */
    private static void prepare() {
        LogSetup.prepare();
        UiLogAppender.install();
        Theme.prepare();
        Json.MAPPER.readerFor(Settings.class);
        Json.MAPPER.readerFor(Manifest.class);
    }
}
