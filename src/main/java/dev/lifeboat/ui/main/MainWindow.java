package dev.lifeboat.ui.main;

import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.ui.health.HealthPanel;
import dev.lifeboat.ui.schedule.SchedulesPanel;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.Icons;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.ui.details.DetailsPane;
import dev.lifeboat.ui.log.LogPane;
import dev.lifeboat.ui.manifest.BackupRow;
import dev.lifeboat.ui.manifest.ManifestView;
import dev.lifeboat.ui.operations.HistoryPanel;
import dev.lifeboat.ui.operations.OperationsPanel;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToolBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.nio.file.Path;
import java.util.List;

/** The main window: toolbar, manifest table with details, and the log, operations and history below. */
public final class MainWindow extends BorderPane {
    private static final String OPEN_FOLDER = "Open another folder\u2026";

    private final AppContext ctx;
    private final Actions actions;
    private final ManifestView manifestView;
    private final DetailsPane details;
    private final LogPane logPane = new LogPane();
    private final HistoryPanel history;
    private final TabPane bottom = new TabPane();
    private final VBox welcome = new VBox();
    private final ComboBox<String> folders = new ComboBox<>();
    private final ComboBox<String> connections = new ComboBox<>();
    private final HealthPanel health;
    private final SchedulesPanel schedules;
    private final dev.lifeboat.ui.copies.CopiesModel copies;

    public MainWindow(AppContext ctx, Stage stage) {
        this.ctx = ctx;
        this.copies = new dev.lifeboat.ui.copies.CopiesModel(ctx.runner(), ctx.manifest()::store);
        this.actions = new Actions(ctx, () -> stage, this::refreshHistory);
        actions.onConnectionsChanged(() -> {
            refreshConnections();
            updateWelcome();
        });
        this.details = new DetailsPane(ctx);
        this.history = new HistoryPanel(actions::rollback, actions::discard, op -> actions.restoreBackup(op.backupId()));
        ScheduleStore scheduleStore = new ScheduleStore(ctx.settings().file().getParent());
        this.health = new HealthPanel(ctx, scheduleStore);
        this.schedules = new SchedulesPanel(ctx, scheduleStore, () -> stage);
        this.manifestView = new ManifestView(ctx.manifest(), contextMenu(), row -> {
            details.show(row);
            details.getSelectionModel().select(0);
        });
        manifestView.table().getSelectionModel().selectedItemProperty().addListener((o, a, row) -> details.show(row));
        copies.follow(ctx.manifest().rows());
        dev.lifeboat.ui.copies.CopiesColumn.install(manifestView.table(), copies);
        ctx.manifest().rows().addListener((ListChangeListener<BackupRow>) c -> {
            BackupRow sel = manifestView.table().getSelectionModel().getSelectedItem();
            details.show(sel);
            updateWelcome();
            health.refresh();
        });

        setTop(new VBox(toolbar(), problemBanner()));
        SplitPane upper = new SplitPane(manifestView, details);
        upper.setDividerPositions(0.75);
        bottom.setId("bottomTabs");
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bottom.getTabs().addAll(new Tab("Log", logPane),
                new Tab("Operations", new OperationsPanel(ctx.runner().tasks(), this::showLog)),
                new Tab("History", history), new Tab("Health", health), new Tab("Schedules", schedules));
        ctx.runner().tasks().addListener((ListChangeListener<Object>) c -> {
            while (c.next()) {
                if (c.wasAdded()) {
                    bottom.getSelectionModel().select(1);
                }
            }
        });
        SplitPane main = new SplitPane(upper, bottom);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.66);
        buildWelcome();
        setCenter(new StackPane(main, welcome));
        refreshHistory();
        updateWelcome();
    }

    private ToolBar toolbar() {
        Button backup = button("New backup", "newBackupButton", actions::newBackup);
        backup.getStyleClass().add(Styles.PRIMARY_BUTTON);
        Button verify = button("Verify", "verifyButton", () -> actions.verify(selected()));
        Button restore = button("Restore", "restoreButton", () -> actions.restore(first()));
        Button delete = button("Delete", "deleteButton", () -> actions.delete(selected()));
        Button refresh = button("Refresh", "refreshButton", this::refresh);
        Button settings = button("Settings", "settingsButton", () -> {
            actions.settings();
            refreshConnections();
        });
        Button retention = button("Retention", "retentionButton", actions::retention);
        backup.setGraphic(Icons.NEW_BACKUP.node());
        verify.setGraphic(Icons.VERIFY.node());
        restore.setGraphic(Icons.RESTORE.node());
        delete.setGraphic(Icons.DELETE.node());
        refresh.setGraphic(Icons.REFRESH.node());
        // Icon only: the toolbar fits the default window with the folder and connection lists.
        refresh.setText(null);
        refresh.setTooltip(new javafx.scene.control.Tooltip("Refresh (F5)"));
        refresh.setAccessibleText("Refresh");
        retention.setGraphic(Icons.RETENTION.node());
        settings.setGraphic(Icons.SETTINGS.node());
        var none = Bindings.isEmpty(manifestView.table().getSelectionModel().getSelectedItems());
        verify.disableProperty().bind(none);
        var selectedItems = manifestView.table().getSelectionModel().getSelectedItems();
        // No delete of a backup that a running verify or restore reads.
        delete.disableProperty().bind(none.or(Bindings.createBooleanBinding(() -> selectedItems.stream()
                .anyMatch(r -> actions.backupsInUse().contains(r.id())), selectedItems, actions.backupsInUse())));
        restore.disableProperty().bind(Bindings.size(manifestView.table().getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        folders.setId("folderSwitcher");
        folders.setPrefWidth(180);
        refreshFolders();
        folders.setOnAction(e -> {
            String v = folders.getValue();
            if (OPEN_FOLDER.equals(v)) {
                refreshFolders();
                actions.chooseFolder();
                refreshFolders();
            } else if (v != null && !v.equals(currentFolder())) {
                actions.openFolder(Path.of(v));
                refreshFolders();
            }
        });
        connections.setId("connectionSwitcher");
        connections.setPromptText("no saved connection");
        connections.setPrefWidth(140);
        refreshConnections();
        connections.valueProperty().addListener((o, a, v) -> actions.setCurrentConnection(v));
        Label connectionLabel = new Label("Connection");
        connectionLabel.getStyleClass().add(Styles.TOOLBAR_INFO);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label folderLabel = new Label("Backup folder");
        folderLabel.getStyleClass().add(Styles.TOOLBAR_INFO);
        return new ToolBar(backup, verify, restore, delete, new Separator(), refresh, retention, settings, moreMenu(), spacer,
                connectionLabel, connections, folderLabel, folders);
    }

    /** Less frequent actions: the demo database again, and forgetting the passwords typed this session. */
    private MenuButton moreMenu() {
        MenuItem demo = new MenuItem("Start the demo database");
        demo.setId("menuDemo");
        demo.setOnAction(e -> actions.startDemo());
        MenuItem forget = new MenuItem("Forget passwords typed this session");
        forget.setId("menuForgetPasswords");
        forget.setOnAction(e -> dev.lifeboat.core.pg.SessionPasswords.clear());
        MenuItem destinations = new MenuItem("Destinations…");
        destinations.setId("menuDestinations");
        destinations.setOnAction(e -> new dev.lifeboat.ui.destinations.DestinationsDialog(getScene().getWindow(),
                new dev.lifeboat.ui.destinations.DestinationsModel(ctx.runner(), ctx.dialogs(), ctx.manifest()::store))
                .showAndWait());
        MenuItem keys = new MenuItem("Encryption and email…");
        keys.setId("menuEncryptionEmail");
        keys.setOnAction(e -> new dev.lifeboat.ui.keys.EncryptionEmailDialog(getScene().getWindow(),
                ctx.settings().file().getParent(), ctx.dialogs(), ctx.runner()).showAndWait());
        MenuButton more = new MenuButton("More", null, destinations, keys, demo, forget);
        more.setId("moreMenu");
        return more;
    }

    private HBox problemBanner() {
        Label text = new Label();
        text.setWrapText(true);
        text.getStyleClass().add(Styles.PROBLEM);
        text.textProperty().bind(ctx.manifest().problemProperty());
        Button fix = new Button("Restore from .bak");
        fix.setOnAction(e -> actions.restoreManifestFromBak());
        HBox banner = new HBox(10, text, fix);
        banner.setId("manifestProblem");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.setStyle(null);
        banner.getStyleClass().add(Styles.CARD);
        banner.visibleProperty().bind(ctx.manifest().problemProperty().isNotNull());
        banner.managedProperty().bind(banner.visibleProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        return banner;
    }

    private void buildWelcome() {
        welcome.getStyleClass().add(Styles.WELCOME);
        welcome.setId("welcome");
        Label title = new Label("Welcome to Lifeboat");
        title.getStyleClass().add(Styles.WELCOME_TITLE);
        Label text = new Label("Back up, verify and restore PostgreSQL databases, and trust the result.");
        Button add = button("Add a connection", "welcomeAddConnection", actions::settings);
        Button open = button("Open a backup folder", "welcomeOpenFolder", () -> {
            actions.chooseFolder();
            refreshFolders();
        });
        Button demo = button("Try a demo database", "welcomeDemo", actions::startDemo);
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
    }

    private void updateWelcome() {
        boolean empty = ctx.manifest().rows().isEmpty() && ctx.manifest().problemProperty().get() == null
                && ctx.settings().load().connections().isEmpty();
        welcome.setVisible(empty);
        manifestView.table().getPlaceholder().setVisible(!empty);
    }

    private ContextMenu contextMenu() {
        MenuItem details = new MenuItem("Details");
        details.setOnAction(e -> this.details.show(first()));
        MenuItem verify = new MenuItem("Verify\u2026");
        verify.setOnAction(e -> actions.verify(selected()));
        MenuItem restore = new MenuItem("Restore\u2026");
        restore.setOnAction(e -> actions.restore(first()));
        MenuItem pin = new MenuItem("Pin / unpin");
        pin.setOnAction(e -> actions.togglePin(first()));
        MenuItem delete = new MenuItem("Delete\u2026");
        delete.setOnAction(e -> actions.delete(selected()));
        ContextMenu menu = new ContextMenu(details, verify, restore, pin, delete);
        dev.lifeboat.ui.copies.CopiesColumn.addMenus(menu, copies, this::first, id -> {
            ctx.manifest().reload();
            actions.restoreBackup(id);
        });
        return menu;
    }

    /** Ctrl+B backup, Ctrl+R restore, Delete, F5; called once the scene exists. */
    public void installShortcuts() {
        var acc = getScene().getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN), actions::newBackup);
        acc.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), () -> actions.restore(first()));
        acc.put(new KeyCodeCombination(KeyCode.F5), this::refresh);
        manifestView.table().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                actions.delete(selected());
            } else if (e.getCode() == KeyCode.ENTER) {
                details.show(first());
            }
        });
    }

    private void refresh() {
        ctx.manifest().reload();
        refreshHistory();
    }

    private void refreshHistory() {
        if (ctx.manifest().store() != null) {
            history.show(new OperationsLog(ctx.manifest().store().folder()));
        }
        if (schedules != null) {
            schedules.refresh();
        }
    }

    private void refreshFolders() {
        String current = currentFolder();
        List<String> recent = ctx.settings().load().recentFolders();
        folders.getItems().setAll(recent);
        if (current != null && !folders.getItems().contains(current)) {
            folders.getItems().add(0, current);
        }
        // The default folder is always a choice: where the app starts and the CLI writes by default.
        String standard = dev.lifeboat.core.settings.AppPaths.defaultBackupFolder().toString();
        if (!folders.getItems().contains(standard)) {
            folders.getItems().add(standard);
        }
        folders.getItems().add(OPEN_FOLDER);
        folders.setValue(current);
    }

    private void refreshConnections() {
        String current = connections.getValue();
        connections.getItems().setAll(ctx.settings().load().connections().stream()
                .map(dev.lifeboat.core.settings.ConnectionProfile::name).toList());
        connections.setValue(current != null && connections.getItems().contains(current) ? current
                : connections.getItems().isEmpty() ? null : connections.getItems().get(0));
    }

    private String currentFolder() {
        return ctx.manifest().store() == null ? null : ctx.manifest().store().folder().toString();
    }

    private void showLog(String operationId) {
        logPane.showOperation(operationId);
        bottom.getSelectionModel().select(0);
    }

    private List<BackupRow> selected() {
        return List.copyOf(manifestView.table().getSelectionModel().getSelectedItems());
    }

    private BackupRow first() {
        return manifestView.table().getSelectionModel().getSelectedItem();
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    public Actions actions() {
        return actions;
    }

    public ManifestView manifestView() {
        return manifestView;
    }

    public LogPane logPane() {
        return logPane;
    }

    public void shutdown() {
        logPane.stop();
        actions.stopDemo();
    }
}
