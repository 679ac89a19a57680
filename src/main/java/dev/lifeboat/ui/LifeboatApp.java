package dev.lifeboat.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** Placeholder, replaced below. */
public final class LifeboatApp extends Application {
    @Override
    public void start(Stage stage) {
        stage.show();
    }
}
