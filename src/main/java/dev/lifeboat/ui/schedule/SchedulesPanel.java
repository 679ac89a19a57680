package dev.lifeboat.ui.schedule;

import dev.lifeboat.core.notify.Notifier;
import dev.lifeboat.core.schedule.Schedule;
import dev.lifeboat.core.schedule.ScheduleInstaller;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.core.schedule.ScheduledRun;
import dev.lifeboat.core.settings.AppPaths;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.Tables;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.function.Supplier;

/** The schedules of this machine: each one's connection, time, next and last run, and its outcome. */
public final class SchedulesPanel extends VBox {
    private final AppContext ctx;
    private final ScheduleStore store;
    private final Supplier<Window> window;
    private final TableView<Schedule> table = new TableView<>();
    private Map<String, ScheduleStore.LastRun> lastRuns = Map.of();

    public SchedulesPanel(AppContext ctx, ScheduleStore store, Supplier<Window> window) {
        this.ctx = ctx;
        this.store = store;
        this.window = window;
        setId("schedules");
        table.setPlaceholder(new Label("No scheduled backups. Add one to back up on a timer of the OS's own scheduler."));
        table.getColumns().add(Tables.column("Name", 110, Schedule::name));
        table.getColumns().add(Tables.column("Connection", 160, Schedule::connection));
        table.getColumns().add(Tables.column("When", 130, s -> s.time().text()));
        table.getColumns().add(Tables.column("Verify", 70, s -> s.verifyDepth() == null ? "" : s.verifyDepth()));
        table.getColumns().add(Tables.column("Prune", 55, s -> s.prune() ? "yes" : ""));
        table.getColumns().add(Tables.column("Next run", 140, s -> s.time().next(LocalDateTime.now()).toString().replace('T', ' ')));
        table.getColumns().add(Tables.column("Last run", 170, s -> last(s).map(r -> r.finished().replace('T', ' ')
                .substring(0, 16)).orElse("never")));
        table.getColumns().add(Tables.column("Outcome", 360, s -> last(s).map(r -> r.outcome() + ": " + r.message())
                .orElse("")));
        Button add = new Button("Add\u2026");
        add.setOnAction(e -> add());
        Button remove = new Button("Remove");
        remove.setOnAction(e -> remove(table.getSelectionModel().getSelectedItem()));
        Button runNow = new Button("Run now");
        runNow.setOnAction(e -> runNow(table.getSelectionModel().getSelectedItem()));
        remove.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        runNow.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        HBox buttons = new HBox(8, add, remove, runNow);
        buttons.setPadding(new Insets(4, 6, 4, 6));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(buttons, table);
        refresh();
    }

    private java.util.Optional<ScheduleStore.LastRun> last(Schedule s) {
        return java.util.Optional.ofNullable(lastRuns.get(s.name()));
    }

    public void refresh() {
        lastRuns = store.lastRuns();
        table.getItems().setAll(store.list());
        table.refresh();
    }

    private void add() {
        Dialog<Schedule> d = new Dialog<>();
        d.initOwner(window.get());
        d.setTitle("New schedule");
        d.setHeaderText("Back up on a timer of the OS's own scheduler");
        TextField name = new TextField("nightly");
        ComboBox<String> conn = new ComboBox<>();
        conn.setEditable(true);
        ctx.settings().load().connections().stream().map(ConnectionProfile::name).forEach(conn.getItems()::add);
        if (!conn.getItems().isEmpty()) {
            conn.setValue(conn.getItems().get(0));
        }
        TextField when = new TextField("daily 02:30");
        ChoiceBox<String> verify = new ChoiceBox<>();
        verify.getItems().addAll("none", "quick", "archive", "full");
        verify.setValue("archive");
        CheckBox prune = new CheckBox("Apply the retention policy after each backup");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, new Label("Name"), name);
        g.addRow(1, new Label("Connection"), conn);
        g.addRow(2, new Label("When"), when, new Label("hourly | daily HH:MM | weekly DAY HH:MM"));
        g.addRow(3, new Label("Verify"), verify);
        g.add(prune, 1, 4);
        d.getDialogPane().setContent(g);
        ButtonType ok = new ButtonType("Schedule", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ok);
        d.setResultConverter(b -> b != ok ? null : new Schedule(name.getText().strip(),
                conn.getEditor().getText() == null || conn.getEditor().getText().isBlank() ? conn.getValue()
                        : conn.getEditor().getText().strip(),
                ctx.manifest().store().folder().toString(), when.getText().strip(),
                "none".equals(verify.getValue()) ? null : verify.getValue(), prune.isSelected()));
        d.showAndWait().ifPresent(s -> {
            try {
                s.time();
                ctx.settings().resolve(s.connection());
            } catch (RuntimeException e) {
                ctx.dialogs().showError("Cannot schedule", e);
                return;
            }
            store.put(s);
            OperationTask<String> t = new OperationTask<>("Schedule " + s.name(), (p, c) ->
                    new ScheduleInstaller(Path.of(System.getProperty("user.home")), ScheduleInstaller.currentLauncher())
                            .install(s));
            t.setOnSucceeded(e -> refresh());
            t.setOnFailed(e -> {
                refresh();
                ctx.dialogs().showError("The schedule was saved but the OS scheduler refused it", t.getException());
            });
            ctx.runner().start(t);
        });
    }

    private void remove(Schedule s) {
        if (s == null || !ctx.dialogs().confirm("Remove schedule", "Stop backing up with schedule " + s.name() + "?",
                "Remove " + s.name())) {
            return;
        }
        OperationTask<Void> t = new OperationTask<>("Remove schedule " + s.name(), (p, c) -> {
            new ScheduleInstaller(Path.of(System.getProperty("user.home")), ScheduleInstaller.currentLauncher()).remove(s);
            store.remove(s.name());
            return null;
        });
        t.setOnSucceeded(e -> refresh());
        t.setOnFailed(e -> ctx.dialogs().showError("Cannot remove the schedule", t.getException()));
        ctx.runner().start(t);
    }

    private void runNow(Schedule s) {
        if (s == null) {
            return;
        }
        OperationTask<String> t = new OperationTask<>("Scheduled run " + s.name(), (p, c) -> new ScheduledRun(store,
                ctx.settings()::resolve, ctx.tools(), Notifier.fromConfig(AppPaths.configFolder())).run(s.name(), p, c));
        t.setOnSucceeded(e -> {
            refresh();
            ctx.manifest().reload();
        });
        t.setOnFailed(e -> {
            refresh();
            ctx.dialogs().showError("The scheduled run failed", t.getException());
        });
        ctx.runner().start(t);
    }
}
