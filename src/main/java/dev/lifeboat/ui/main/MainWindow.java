package dev.lifeboat.ui.main;

import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.ui.health.HealthPanel;
import dev.lifeboat.ui.schedule.SchedulesPanel;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.LazyTabs;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.details.DetailsPane;
import dev.lifeboat.ui.log.LogPane;
import dev.lifeboat.ui.manifest.BackupRow;
import dev.lifeboat.ui.manifest.ManifestView;
import dev.lifeboat.ui.operations.HistoryPanel;
import dev.lifeboat.ui.operations.OperationsPanel;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.util.List;

/** The main window: toolbar, manifest table with details, and the log, operations and history below. */
public final class MainWindow extends BorderPane {
    private final AppContext ctx;
    private final MainController controller;
    private final MainModel model;
    private final ManifestView manifestView;
    private final DetailsPane details;
    private final LogPane logPane = new LogPane();
    private final HistoryPanel history;
    private final TabPane bottom = new TabPane();
    private final VBox welcome;
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
        ctx.manifest().prepareEachRow(copies::text); // made as rows are read, not during the first sort by Copies
        health.model().holdWhile(manifestView.busyProperty()); // a check does not start while a sort is drawn
        ctx.manifest().rows().addListener((ListChangeListener<BackupRow>) c -> {
            BackupRow sel = manifestView.table().getSelectionModel().getSelectedItem();
            details.show(sel);
            updateWelcome();
            // At most once per gap (a check looks at every file), counted once the change is drawn: the
            // first rows come with the window, and its first layout should not share the core with a check.
            dev.lifeboat.ui.common.FxPulses.after(2, health.model()::changed);
        });

        setTop(new VBox(new MainToolbar(ctx, controller, manifestView.table(), this::refresh),
                WelcomeCards.problemBanner(ctx, model)));
        // The welcome card sits over the (empty) table, centred there, not over the whole window.
        this.welcome = WelcomeCards.welcome(controller);
        SplitPane upper = new SplitPane(new StackPane(manifestView, welcome), details);
        // The table's columns need about 1000 px for their headers at the default size (1360 wide);
        // the details take the rest, still room for their four tabs.
        details.setMinWidth(330);
        SplitPane.setResizableWithParent(details, false);
        upper.setDividerPositions(0.755);
        bottom.setId("bottomTabs");
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bottom.getTabs().addAll(new Tab("Log", logPane),
                LazyTabs.tab("Operations", new OperationsPanel(ctx.runner().tasks(), this::showLog)),
                LazyTabs.tab("History", history), LazyTabs.tab("Health", health),
                LazyTabs.tab("Schedules", schedules));
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
