package dev.lifeboat.ui;

/** Starts the JavaFX application; kept apart so the CLI never loads JavaFX classes. */
public final class DesktopLauncher {
    private DesktopLauncher() {
    }

    public static void launch(String[] args) {
        javafx.application.Application.launch(LifeboatApp.class, args);
    }
}
