package dev.lifeboat.ui.main;

import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.Styles;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The main window's two cards: the welcome over an empty table, and the damaged-manifest banner. */
final class WelcomeCards {
    private WelcomeCards() {
    }

    /** Shown over the empty table when nothing is set up yet: add a connection, open a folder, or the demo. */
    static VBox welcome(MainController controller) {
        VBox welcome = new VBox();
        welcome.getStyleClass().add(Styles.WELCOME);
        welcome.setId("welcome");
        Label title = new Label("Welcome to Lifeboat");
        title.getStyleClass().add(Styles.WELCOME_TITLE);
        Label text = new Label("Back up, verify and restore PostgreSQL databases, and trust the result.");
        Button add = button("Add a connection", "welcomeAddConnection", controller::settings);
        Button open = button("Open a backup folder", "welcomeOpenFolder", controller::chooseFolder);
        Button demo = button("Try a demo database", "welcomeDemo", controller::startDemo);
        demo.getStyleClass().add(Styles.PRIMARY_BUTTON);
        Label hint = new Label("The demo starts a small PostgreSQL just for Lifeboat and stops it when you close the app.");
        hint.getStyleClass().add(Styles.MUTED);
        HBox buttons = new HBox(12, add, open, demo);
        buttons.setAlignment(Pos.CENTER);
        VBox card = new VBox(14, title, text, buttons, hint);
        card.getStyleClass().add(Styles.CARD);
        card.setAlignment(Pos.CENTER);
        card.setMaxSize(640, 240);
        welcome.getChildren().setAll(card);
        welcome.setPickOnBounds(false);
        return welcome;
    }

    /** Shown while the manifest is damaged, with the way back to its .bak copy. */
    static HBox problemBanner(AppContext ctx, MainModel model) {
        Label text = new Label();
        text.setWrapText(true);
        text.getStyleClass().add(Styles.PROBLEM);
        text.textProperty().bind(ctx.manifest().problemProperty());
        Button fix = new Button("Restore from .bak");
        fix.setOnAction(e -> model.restoreManifestFromBak());
        HBox banner = new HBox(10, text, fix);
        banner.setId("manifestProblem");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add(Styles.CARD);
        banner.visibleProperty().bind(ctx.manifest().problemProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        return banner;
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
