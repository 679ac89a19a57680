package dev.lifeboat.ui.main;

import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.ui.health.HealthPanel;
import dev.lifeboat.ui.schedule.SchedulesPanel;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.Icons;
import dev.lifeboat.ui.common.OperationTask;
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
import javafx.scene.control.SeparatorMenuItem;
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
    private final MainController controller;
    private final MainModel model;
    private final ManifestView manifestView;
    private final DetailsPane details;
    private final LogPane logPane = new LogPane();
    private final HistoryPanel history;
    private final TabPane bottom = new TabPane();
    private final VBox welcome;
    private final ComboBox<String> folders = new ComboBox<>();
    private final ComboBox<String> connections = new ComboBox<>();
    private final HealthPanel health;
    private final SchedulesPanel schedules;
    private final dev.lifeboat.ui.copies.CopiesModel copies;

    public MainWindow(AppContext ctx, Stage stage) {
        this.ctx = ctx;
        this.copies = new dev.lifeboat.ui.copies.CopiesModel(ctx.runner(), ctx.manifest()::store);
        this.controller = new MainController(ctx, () -> stage, this::refreshHistory);
        this.model = controller.main();
        model.connections().addListener((ListChangeListener<String>) c -> updateWelcome());
        model.folderProperty().addListener((o, a, f) -> {
            refreshFolders();
            refreshHistory();
            checkHealthNow();
        });
        this.details = new DetailsPane(ctx);
        this.history = new HistoryPanel(ctx.runner(), controller.restore()::rollback, controller.restore()::discard,
                op -> controller.restoreBackup(op.backupId()));
        ScheduleStore scheduleStore = new ScheduleStore(ctx.settings().file().getParent());
        this.health = new HealthPanel(ctx, scheduleStore);
        health.onRemedy(Remedy.TAKE_BACKUP, c -> controller.newBackup());
        health.onRemedy(Remedy.RUN_PRUNE, c -> controller.retention());
        health.onRemedy(Remedy.RUN_RECOVER, c -> controller.recovery().recover());
        health.onRemedy(Remedy.RUN_IMPORT, c -> controller.importBackups());
        health.onRemedy(Remedy.RESTORE_MANIFEST_COPY, c -> model.restoreManifestFromBak());
        health.onRemedy(Remedy.RUN_VERIFY, c -> ctx.manifest().rows().stream()
                .filter(r -> java.util.Objects.equals(r.entry().database(), c.database()))
                .max(java.util.Comparator.comparing(r -> r.entry().datetime()))
                .ifPresent(r -> controller.verify(List.of(r))));
        this.schedules = new SchedulesPanel(ctx, scheduleStore, () -> stage);
        this.manifestView = new ManifestView(ctx.manifest(), contextMenu(), row -> {
            details.show(row);
            details.getSelectionModel().select(0);
        });
        manifestView.table().getSelectionModel().selectedItemProperty().addListener((o, a, row) -> details.show(row));
        dev.lifeboat.ui.copies.CopiesColumn.install(manifestView.table(), copies);
        ctx.manifest().rows().addListener((ListChangeListener<BackupRow>) c -> {
            BackupRow sel = manifestView.table().getSelectionModel().getSelectedItem();
            details.show(sel);
            updateWelcome();
            health.model().changed(); // at most once per gap: a check looks at every file
        });

        setTop(new VBox(toolbar(), WelcomeCards.problemBanner(ctx, model)));
        // The welcome card sits over the (empty) table, centred there, not over the whole window.
        this.welcome = WelcomeCards.welcome(controller);
        SplitPane upper = new SplitPane(new StackPane(manifestView, welcome), details);
        // The table's columns need about 1020 px for their headers at the default size (1360 wide);
        // the details take the rest, still room for their four tabs.
        details.setMinWidth(330);
        SplitPane.setResizableWithParent(details, false);
        upper.setDividerPositions(0.755);
        bottom.setId("bottomTabs");
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bottom.getTabs().addAll(new Tab("Log", logPane),
                new Tab("Operations", new OperationsPanel(ctx.runner().tasks(), this::showLog)),
                new Tab("History", history), new Tab("Health", health), new Tab("Schedules", schedules));
        ctx.runner().tasks().addListener((ListChangeListener<OperationTask<?>>) c -> {
            while (c.next()) {
                if (c.wasAdded() && c.getAddedSubList().stream().anyMatch(t -> !t.isBrief())) {
                    bottom.getSelectionModel().select(1);
                }
            }
        });
        SplitPane main = new SplitPane(upper, bottom);
        main.setOrientation(Orientation.VERTICAL);
        main.setDividerPositions(0.56); // the bottom tabs (Health's table and charts) need the height too
        setCenter(main);
        refreshHistory();
        updateWelcome();
    }

    private ToolBar toolbar() {
        Button backup = button("New backup", "newBackupButton", controller::newBackup);
        backup.getStyleClass().add(Styles.PRIMARY_BUTTON);
        Button verify = button("Verify", "verifyButton", () -> controller.verify(selected()));
        Button restore = button("Restore", "restoreButton", () -> controller.restore(first()));
        Button delete = button("Delete", "deleteButton", () -> model.delete(selected()));
        Button refresh = button("Refresh", "refreshButton", this::refresh);
        Button settings = button("Settings", "settingsButton", controller::settings);
        Button retention = button("Retention", "retentionButton", controller::retention);
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
                .anyMatch(r -> ctx.backupsInUse().contains(r.id())), selectedItems, ctx.backupsInUse())));
        restore.disableProperty().bind(Bindings.size(manifestView.table().getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        folders.setId("folderSwitcher");
        folders.setPrefWidth(210);
        // A long path is cut in the box; the tooltip shows it whole.
        folders.tooltipProperty().bind(Bindings.createObjectBinding(() -> folders.getValue() == null ? null
                : new javafx.scene.control.Tooltip(folders.getValue()), folders.valueProperty()));
        refreshFolders();
        folders.setOnAction(e -> {
            String v = folders.getValue();
            if (OPEN_FOLDER.equals(v)) {
                refreshFolders();
                controller.chooseFolder();
            } else if (v != null && !v.equals(currentFolder())) {
                refreshFolders(); // the current folder stays shown until the new one is open
                model.openFolder(Path.of(v));
            }
        });
        connections.setId("connectionSwitcher");
        connections.setPromptText("none saved");
        connections.setPrefWidth(170);
        connections.setMinWidth(Region.USE_PREF_SIZE);
        connections.setItems(model.connections());
        connections.setValue(model.connectionProperty().get());
        connections.valueProperty().addListener((o, a, v) -> model.selectConnection(v));
        model.connectionProperty().addListener((o, a, v) -> connections.setValue(v));
        // Icons, not words, label the two lists: with words the folder list overflows the default window.
        Label connectionLabel = toolbarLabel(Icons.DATABASE, "Connection (New backup suggests it)", connections);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label folderLabel = toolbarLabel(Icons.FOLDER, "Backup folder", folders);
        return new ToolBar(backup, verify, restore, delete, new Separator(), refresh, retention, settings, moreMenu(), spacer,
                connectionLabel, connections, folderLabel, folders);
    }

    private static Label toolbarLabel(Icons icon, String meaning, javafx.scene.Node labelled) {
        Label l = new Label(null, icon.node());
        l.getStyleClass().add(Styles.TOOLBAR_INFO);
        l.setTooltip(new javafx.scene.control.Tooltip(meaning));
        l.setAccessibleText(meaning);
        l.setLabelFor(labelled);
        return l;
    }

    /** Less frequent actions: recover and import, the demo database again, forgetting typed passwords. */
    private MenuButton moreMenu() {
        MenuItem recover = new MenuItem("Recover after a crash\u2026");
        recover.setId("menuRecover");
        recover.setOnAction(e -> controller.recovery().recover());
        MenuItem importFolder = new MenuItem("Import backups from folder\u2026");
        importFolder.setId("menuImport");
        importFolder.setOnAction(e -> controller.importBackups());
        MenuItem demo = new MenuItem("Start the demo database");
        demo.setId("menuDemo");
        demo.setOnAction(e -> controller.startDemo());
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
        MenuButton more = new MenuButton("More", null, recover, importFolder, new SeparatorMenuItem(),
                destinations, keys, new SeparatorMenuItem(), demo, forget);
        more.setId("moreMenu");
        return more;
    }

    private void updateWelcome() {
        boolean empty = ctx.manifest().rows().isEmpty() && ctx.manifest().problemProperty().get() == null
                && model.connections().isEmpty();
        welcome.setVisible(empty);
        manifestView.table().getPlaceholder().setVisible(!empty);
    }

    private ContextMenu contextMenu() {
        MenuItem details = new MenuItem("Details");
        details.setOnAction(e -> this.details.show(first()));
        MenuItem verify = new MenuItem("Verify\u2026");
        verify.setOnAction(e -> controller.verify(selected()));
        MenuItem restore = new MenuItem("Restore\u2026");
        restore.setOnAction(e -> controller.restore(first()));
        MenuItem pin = new MenuItem("Pin / unpin");
        pin.setOnAction(e -> {
            if (first() != null) {
                model.togglePin(first());
            }
        });
        MenuItem delete = new MenuItem("Delete\u2026");
        delete.setOnAction(e -> model.delete(selected()));
        ContextMenu menu = new ContextMenu(details, verify, restore, pin, delete);
        dev.lifeboat.ui.copies.CopiesColumn.addMenus(menu, copies, this::first, id -> {
            ctx.manifest().reload();
            controller.restoreBackup(id);
        });
        return menu;
    }

    /** Ctrl+B backup, Ctrl+R restore, Delete, F5; called once the scene exists. */
    public void installShortcuts() {
        var acc = getScene().getAccelerators();
        acc.put(new KeyCodeCombination(KeyCode.B, KeyCombination.SHORTCUT_DOWN), controller::newBackup);
        acc.put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), () -> controller.restore(first()));
        acc.put(new KeyCodeCombination(KeyCode.F5), this::refresh);
        manifestView.table().setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE) {
                model.delete(selected());
            } else if (e.getCode() == KeyCode.ENTER) {
                details.show(first());
            }
        });
    }

    private void refresh() {
        ctx.manifest().reload();
        refreshHistory();
    }

    /** Another folder: its checks at once, not after the gap that follows changes of the rows. */
    private void checkHealthNow() {
        health.refresh();
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

    public MainController controller() {
        return controller;
    }

    public ManifestView manifestView() {
        return manifestView;
    }

    public LogPane logPane() {
        return logPane;
    }

    public void shutdown() {
        logPane.stop();
        model.stopDemo();
    }
}
