package dev.lifeboat.ui.settings;

import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ToolInstallation;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.core.settings.Settings;
import dev.lifeboat.core.settings.SettingsStore;
import dev.lifeboat.ui.common.DialogService;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Saved connections (with Test), the PostgreSQL tools folder, and the default verify depth. */
public final class SettingsDialog extends Dialog<Settings> {
    private final SettingsStore store;
    private final ListView<String> names = new ListView<>();
    private final ConnectionForm form = new ConnectionForm();
    private final Label testResult = new Label();
    private final ConnectionTestModel testModel;
    private final TaskExecutor executor;
    private final TabPane tabs = new TabPane();
    private Settings working;
    private int toolsLookup;

    public SettingsDialog(Window owner, SettingsStore store, DialogService dialogs, TaskExecutor executor,
                          Credentials credentials) {
        this.store = store;
        this.executor = executor;
        this.testModel = new ConnectionTestModel(executor, credentials);
        testModel.resultProperty().addListener((o, a, b) -> testResult.setText(b));
        this.working = store.load();
        initOwner(owner);
        setTitle("Settings");
        setHeaderText("Connections, PostgreSQL tools and defaults");
        setResizable(true);

        names.setPrefWidth(170);
        names.setMinWidth(150);
        Label none = new Label("No saved connection yet: fill in the form and press Save connection or OK.");
        none.setWrapText(true);
        none.getStyleClass().add(Styles.MUTED);
        names.setPlaceholder(none);
        names.getItems().setAll(working.connections().stream().map(ConnectionProfile::name).toList());
        names.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> working.connection(v).ifPresent(form::fill));
        // The saved connection is shown, not an empty form beside it (with several, the first).
        if (!names.getItems().isEmpty()) {
            names.getSelectionModel().selectFirst();
        }
        testResult.setId("testResult");
        testResult.setWrapText(true);
        testResult.setMaxWidth(420);
        testResult.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // whole: the grid's row cut it to a line
        // A message of several lines grows the dialog instead of being clipped at the tab's bottom edge.
        testResult.textProperty().addListener((o, was, now) -> javafx.application.Platform.runLater(() -> {
            if (getDialogPane().getScene() != null) {
                javafx.stage.Window w = getDialogPane().getScene().getWindow();
                double need = getDialogPane().prefHeight(w.getWidth());
                if (need > getDialogPane().getHeight()) {
                    w.setHeight(w.getHeight() + need - getDialogPane().getHeight());
                }
            }
        }));
        GridPane grid = form.grid();
        Button save = new Button("Save connection");
        save.setId("saveConnection");
        save.setOnAction(e -> saveConnection(false));
        Button remove = new Button("Remove");
        remove.setOnAction(e -> {
            String n = names.getSelectionModel().getSelectedItem();
            if (n != null) {
                working = working.withoutConnection(n);
                names.getItems().remove(n);
                newConnection();
            }
        });
        Button test = new Button("Test");
        test.setId("testConnection");
        test.setOnAction(e -> test());
        test.disableProperty().bind(testModel.runningProperty());
        Button create = new Button("New connection");
        create.setId("newConnection");
        create.setOnAction(e -> newConnection());
        for (Button b : List.of(create, save, test, remove)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        grid.add(new HBox(8, create, save, test, remove), 1, ConnectionForm.ROWS);
        grid.add(testResult, 1, ConnectionForm.ROWS + 1);
        HBox connections = new HBox(12, names, grid);

        TextField bin = new TextField(working.pgBinFolder() == null ? "" : working.pgBinFolder());
        bin.setPromptText("empty: search PATH and the usual install places");
        Label found = new Label();
        found.setId("toolsFound");
        found.setWrapText(true);
        found.setMaxWidth(640);
        Button browse = new Button("Choose\u2026");
        browse.setOnAction(e -> dialogs.chooseFolder("PostgreSQL bin folder", null).ifPresent(p -> bin.setText(p.toString())));
        bin.setId("toolsFolder");
        HBox.setHgrow(bin, javafx.scene.layout.Priority.ALWAYS);
        // Finding the tools runs each one for its version: off the FX thread, after typing pauses.
        javafx.animation.PauseTransition typing = new javafx.animation.PauseTransition(javafx.util.Duration.millis(300));
        typing.setOnFinished(e -> lookUpTools(bin.getText(), found));
        bin.textProperty().addListener((o, a, v) -> typing.playFromStart());
        lookUpTools(bin.getText(), found);
        VBox tools = new VBox(8, new Label("Folder of pg_dump, pg_restore and psql"), new HBox(8, bin, browse), found);

        ChoiceBox<String> depth = new ChoiceBox<>();
        depth.getItems().addAll("quick", "archive", "full");
        depth.setValue(working.defaultVerifyDepth() == null ? "archive" : working.defaultVerifyDepth());
        VBox defaults = new VBox(8, new Label("Default verify depth"), depth);

        tools.setPadding(new javafx.geometry.Insets(10));
        defaults.setPadding(new javafx.geometry.Insets(10));
        connections.setPadding(new javafx.geometry.Insets(10));
        tabs.setId("settingsTabs");
        tabs.getTabs().addAll(new Tab("Connections", connections), new Tab("PostgreSQL tools", tools),
                new Tab("Defaults", defaults));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        // At least 420 high, and taller when the form needs it (a Test message of several lines was clipped).
        tabs.setPrefWidth(840);
        tabs.setMinHeight(420);
        getDialogPane().setContent(tabs);
        getDialogPane().setMinWidth(880); // the connection form and its buttons whole at the default font
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
        // OK keeps a connection typed (and perhaps tested) but not saved with its own button; one
        // that cannot be saved holds the dialog open with what to correct, rather than vanish.
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            if (form.hasUnsavedChanges() && !saveConnection(true)) {
                e.consume();
            }
        });
        setResultConverter(b -> {
            if (b != ButtonType.OK) {
                return null;
            }
            Settings result = working.withPgBinFolder(bin.getText().isBlank() ? null : bin.getText().strip())
                    .withDefaultVerifyDepth(depth.getValue());
            return store.update(s -> new Settings(result.connections(), result.pgBinFolder(), result.defaultVerifyDepth(),
                    s.backupFolder(), s.recentFolders()));
        });
    }

    /** The settings' tabs, for a screen that adds one of its own (destinations). */
    public TabPane tabs() {
        return tabs;
    }

    private void lookUpTools(String folder, Label found) {
        int mine = ++toolsLookup;
        found.setText("Looking for pg_dump\u2026");
        dev.lifeboat.ui.common.OperationTask<String> t = new dev.lifeboat.ui.common.OperationTask<String>(
                "Find PostgreSQL tools", (p, c) -> describeTools(folder)).brief();
        t.setOnSucceeded(e -> {
            if (mine == toolsLookup) {
                found.setText(t.getValue());
            }
        });
        t.setOnFailed(e -> found.setText("\u2716 " + t.getException().getMessage()));
        executor.start(t);
    }

    /** An empty form for another connection; the saved ones stay as they are. */
    private void newConnection() {
        names.getSelectionModel().clearSelection();
        form.clear();
        testResult.setText("");
        form.focus();
    }

    /** Saves the form's connection into the working settings; false (with what to correct) when it cannot. */
    private boolean saveConnection(boolean closing) {
        List<String> wrong = new java.util.ArrayList<>();
        ConnectionProfile profile = form.profile(wrong);
        if (profile == null) {
            testResult.setText("\u2716 " + (closing ? "The connection in the form is not saved yet. " : "")
                    + String.join("; ", wrong) + "." + (closing ? " Or press Cancel to leave without it." : ""));
            return false;
        }
        working = working.withConnection(profile);
        form.saved(profile);
        if (!names.getItems().contains(profile.name())) {
            names.getItems().add(profile.name());
        }
        testResult.setText("Saved " + profile.name() + " (press OK to keep the settings).");
        return true;
    }

    private void test() {
        PgToolLocator tools = PgToolLocator.standard(working.pgBinFolder() == null ? null : Path.of(working.pgBinFolder()));
        List<String> wrong = new java.util.ArrayList<>();
        ConnectionSpec spec = form.spec(wrong);
        if (spec == null) {
            testResult.setText("\u2716 " + String.join("; ", wrong) + ".");
        } else {
            testModel.test(spec, tools);
        }
    }

    private static String describeTools(String folder) {
        PgToolLocator locator = folder == null || folder.isBlank() ? PgToolLocator.standard(null)
                : PgToolLocator.in(List.of(Path.of(folder.strip())));
        List<ToolInstallation> dumps = locator.findAll(PgTool.PG_DUMP);
        if (dumps.isEmpty()) {
            return "\u2716 No pg_dump found there. Install the PostgreSQL client tools or choose their bin folder.";
        }
        return "Found: " + dumps.stream().map(ToolInstallation::describe).collect(Collectors.joining("; "));
    }
}
