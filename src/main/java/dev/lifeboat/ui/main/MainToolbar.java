package dev.lifeboat.ui.main;

import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.Icons;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.ui.manifest.BackupRow;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Separator;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.ToolBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

import java.nio.file.Path;
import java.util.List;

/** The main window's toolbar: the actions on the selected backups, the More menu, the connection and folder lists. */
final class MainToolbar extends ToolBar {
    private static final String OPEN_FOLDER = "Open another folder\u2026";

    private final AppContext ctx;
    private final MainController controller;
    private final MainModel model;
    private final TableView<BackupRow> table;
    private final ComboBox<String> folders = new ComboBox<>();
    private final ComboBox<String> connections = new ComboBox<>();

    MainToolbar(AppContext ctx, MainController controller, TableView<BackupRow> table, Runnable onRefresh) {
        this.ctx = ctx;
        this.controller = controller;
        this.model = controller.main();
        this.table = table;
        model.folderProperty().addListener((o, a, f) -> refreshFolders());
        Button backup = button("New backup", "newBackupButton", controller::newBackup);
        backup.getStyleClass().add(Styles.PRIMARY_BUTTON);
        Button verify = button("Verify", "verifyButton", () -> controller.verify(selected()));
        Button restore = button("Restore", "restoreButton", () -> controller.restore(first()));
        Button delete = button("Delete", "deleteButton", () -> model.delete(selected()));
        Button refresh = button("Refresh", "refreshButton", onRefresh);
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
        var none = Bindings.isEmpty(table.getSelectionModel().getSelectedItems());
        verify.disableProperty().bind(none);
        var selectedItems = table.getSelectionModel().getSelectedItems();
        // No delete of a backup that a running verify or restore reads.
        delete.disableProperty().bind(none.or(Bindings.createBooleanBinding(() -> selectedItems.stream()
                .anyMatch(r -> ctx.backupsInUse().contains(r.id())), selectedItems, ctx.backupsInUse())));
        restore.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
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
        getItems().addAll(backup, verify, restore, delete, new Separator(javafx.geometry.Orientation.VERTICAL), refresh, retention, settings, moreMenu(), spacer,
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

    private List<BackupRow> selected() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    private BackupRow first() {
        return table.getSelectionModel().getSelectedItem();
    }

    private static Button button(String text, String id, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }
}
