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
import javafx.scene.control.CheckBox;
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
    private final TextField name = new TextField();
    private final TextField host = new TextField("localhost");
    private final TextField port = new TextField("5432");
    private final TextField database = new TextField();
    private final TextField user = new TextField();
    private final CheckBox protectedBox = new CheckBox("Protected (production): restoring into it needs its name typed");
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
        names.getItems().setAll(working.connections().stream().map(ConnectionProfile::name).toList());
        names.getSelectionModel().selectedItemProperty().addListener((o, a, v) -> working.connection(v).ifPresent(this::fill));
        name.setId("connName");
        host.setId("connHost");
        port.setId("connPort");
        database.setId("connDatabase");
        user.setId("connUser");
        protectedBox.setId("connProtected");
        testResult.setId("testResult");
        testResult.setWrapText(true);
        testResult.setMaxWidth(420);
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Name"), name);
        form.addRow(1, new Label("Host"), host);
        form.addRow(2, new Label("Port"), port);
        form.addRow(3, new Label("Database"), database);
        form.addRow(4, new Label("User"), user);
        form.add(protectedBox, 1, 5);
        Label passwords = new Label("Lifeboat asks for the password when the server wants one; it is kept in memory, "
                + "or in ~/.pgpass if you choose.");
        passwords.setWrapText(true);
        passwords.setMaxWidth(420);
        passwords.getStyleClass().add(Styles.MUTED);
        form.add(passwords, 1, 6);
        Button save = new Button("Save connection");
        save.setId("saveConnection");
        save.setOnAction(e -> saveConnection());
        Button remove = new Button("Remove");
        remove.setOnAction(e -> {
            String n = names.getSelectionModel().getSelectedItem();
            if (n != null) {
                working = working.withoutConnection(n);
                names.getItems().remove(n);
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
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        form.getColumnConstraints().add(labels);
        form.add(new HBox(8, create, save, test, remove), 1, 7);
        form.add(testResult, 1, 8);
        HBox connections = new HBox(12, names, form);

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
        tabs.setPrefSize(840, 420);
        getDialogPane().setContent(tabs);
        getDialogPane().setMinWidth(880); // the connection form and its buttons whole at the default font
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
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
        name.clear();
        host.setText("localhost");
        port.setText("5432");
        database.clear();
        user.clear();
        protectedBox.setSelected(false);
        testResult.setText("");
        name.requestFocus();
    }

    private void fill(ConnectionProfile p) {
        name.setText(p.name());
        host.setText(p.host());
        port.setText(Integer.toString(p.port()));
        database.setText(p.database());
        user.setText(p.user());
        protectedBox.setSelected(p.isProtected());
    }

    /** The connection in the form, or null when a field is wrong (named in the result line and marked). */
    private ConnectionSpec spec() {
        List<String> wrong = new java.util.ArrayList<>();
        int p = -1;
        try {
            p = Integer.parseInt(port.getText().strip());
        } catch (NumberFormatException e) {
            // said below
        }
        mark(port, p < 1 || p > 65535, wrong, "Port: a number from 1 to 65535, not '" + port.getText().strip() + "'");
        mark(host, host.getText().isBlank(), wrong, "Host: give the server's name or address");
        mark(database, database.getText().isBlank(), wrong, "Database: give the database's name");
        mark(user, user.getText().isBlank(), wrong, "User: give the role to connect as");
        if (!wrong.isEmpty()) {
            testResult.setText("\u2716 " + String.join("; ", wrong) + ".");
            return null;
        }
        return new ConnectionSpec(host.getText().strip(), p, database.getText().strip(), user.getText().strip(), null, Map.of());
    }

    private static void mark(TextField field, boolean isWrong, List<String> wrong, String message) {
        field.getStyleClass().remove("wrong-field");
        if (isWrong) {
            field.getStyleClass().add("wrong-field");
            wrong.add(message);
        }
    }

    private void saveConnection() {
        if (name.getText().isBlank()) {
            testResult.setText("\u2716 Name: give the connection a name.");
            return;
        }
        ConnectionSpec spec = spec();
        if (spec == null) {
            return;
        }
        ConnectionProfile profile = ConnectionProfile.from(name.getText().strip(), spec, protectedBox.isSelected());
        working = working.withConnection(profile);
        if (!names.getItems().contains(profile.name())) {
            names.getItems().add(profile.name());
        }
        testResult.setText("Saved " + profile.name() + " (press OK to keep the settings).");
    }

    private void test() {
        PgToolLocator tools = PgToolLocator.standard(working.pgBinFolder() == null ? null : Path.of(working.pgBinFolder()));
        ConnectionSpec spec = spec();
        if (spec != null) {
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
