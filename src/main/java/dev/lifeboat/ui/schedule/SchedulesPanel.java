package dev.lifeboat.ui.schedule;

import dev.lifeboat.core.FieldError;
import dev.lifeboat.core.notify.Notifier;
import dev.lifeboat.core.pg.PgPass;
import dev.lifeboat.core.schedule.Schedule;
import dev.lifeboat.core.schedule.ScheduleInstaller;
import dev.lifeboat.core.schedule.ScheduleService;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.core.schedule.ScheduledRun;
import dev.lifeboat.core.settings.AppPaths;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.ui.common.Tables;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
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

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The schedules of this machine: each one's connection, time, next and last run, and its outcome. */
public final class SchedulesPanel extends VBox {
    private final AppContext ctx;
    private final SchedulesModel model;
    private final Supplier<Window> window;
    private final TableView<Schedule> table = new TableView<>();

    /** The app's screen: core's schedule verbs with the app's password prompt and this user's OS scheduler. */
    public SchedulesPanel(AppContext ctx, ScheduleStore store, Supplier<Window> window) {
        this(ctx, new SchedulesModel(ctx.runner(), ctx.dialogs(), store,
                new ScheduleService(store, ctx.settings()::resolve, ctx.credentials(), PgPass.standard(),
                        ScheduleInstaller.forThisUser()),
                s -> new OperationTask<>("Scheduled run " + s.name(), (p, c) -> new ScheduledRun(store,
                        ctx.settings()::resolve, ctx.tools(), Notifier.fromConfig(AppPaths.configFolder()))
                        .run(s.name(), p, c)),
                () -> ctx.manifest().reload()), window);
    }

    public SchedulesPanel(AppContext ctx, SchedulesModel model, Supplier<Window> window) {
        this.ctx = ctx;
        this.model = model;
        this.window = window;
        setId("schedules");
        table.setId("scheduleTable");
        table.setPlaceholder(new Label("No scheduled backups. Add one to back up on a timer of the OS's own scheduler."));
        table.getColumns().add(Tables.column("Name", 110, Schedule::name));
        table.getColumns().add(Tables.column("Connection", 160, Schedule::connection));
        table.getColumns().add(Tables.column("When", 130, s -> s.time().text()));
        table.getColumns().add(Tables.column("Verify", 70, s -> s.verifyDepth() == null ? "" : s.verifyDepth()));
        table.getColumns().add(Tables.column("Jobs", 50, s -> Integer.toString(s.jobs())));
        table.getColumns().add(Tables.column("Prune", 55, s -> s.prune() ? "yes" : ""));
        table.getColumns().add(Tables.column("Next run", 140, s -> s.time().next(LocalDateTime.now()).toString().replace('T', ' ')));
        table.getColumns().add(Tables.column("Last run", 150, s -> last(s).map(r -> r.finished().replace('T', ' ')
                .substring(0, 16)).orElse("never")));
        table.getColumns().add(Tables.column("Outcome", 360, s -> last(s).map(r -> r.outcome() + ": " + r.message())
                .orElse("")));
        table.setItems(model.schedules());
        model.lastRunsProperty().addListener((o, a, b) -> table.refresh());
        Button add = new Button("Add\u2026");
        add.setId("addSchedule");
        add.setOnAction(e -> add());
        Button remove = new Button("Remove");
        remove.setId("removeSchedule");
        remove.setOnAction(e -> model.remove(table.getSelectionModel().getSelectedItem()));
        Button runNow = new Button("Run now");
        runNow.setId("runSchedule");
        runNow.setOnAction(e -> model.runNow(table.getSelectionModel().getSelectedItem()));
        var none = table.getSelectionModel().selectedItemProperty().isNull();
        add.disableProperty().bind(model.busyProperty());
        remove.disableProperty().bind(none.or(model.busyProperty()));
        runNow.disableProperty().bind(none.or(model.busyProperty()));
        Label status = new Label();
        status.setId("scheduleStatus");
        status.getStyleClass().add(Styles.MUTED);
        status.textProperty().bind(model.statusProperty());
        HBox buttons = new HBox(8, add, remove, runNow, status);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.setPadding(new Insets(6, 8, 6, 8));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(buttons, table);
        model.refresh();
        // Shown again (its tab chosen: the tab pane shows and hides the region around it), the
        // schedules and last runs are read again: a scheduled run or the CLI may have changed them.
        parentProperty().addListener((o, old, parent) -> {
            if (parent != null) {
                if (parent.isVisible()) {
                    model.refresh(); // attached when its tab is first chosen (LazyTabs): that showing too
                }
                parent.visibleProperty().addListener((v, was, now) -> {
                    if (now) {
                        model.refresh();
                    }
                });
            }
        });
    }

    public SchedulesModel model() {
        return model;
    }

    public void refresh() {
        model.refresh();
    }

    private Optional<dev.lifeboat.core.schedule.ScheduleStore.LastRun> last(Schedule s) {
        return Optional.ofNullable(model.lastRunsProperty().get().get(s.name()));
    }

    private static final String WRONG = "wrong-field";

    /** The form; it stays open, naming the wrong fields and marking them red, until they are right. */
    private void add() {
        Dialog<Schedule> d = new Dialog<>();
        d.initOwner(window.get());
        d.setTitle("New schedule");
        d.setHeaderText("Back up on a timer of the OS's own scheduler");
        TextField name = new TextField("nightly");
        name.setId("scheduleName");
        ComboBox<String> conn = new ComboBox<>();
        conn.setId("scheduleConnection");
        conn.setEditable(true);
        conn.setPrefWidth(260);
        ctx.settings().load().connections().stream().map(ConnectionProfile::name).forEach(conn.getItems()::add);
        if (!conn.getItems().isEmpty()) {
            conn.setValue(conn.getItems().get(0));
        }
        TextField when = new TextField("daily 02:30");
        when.setId("scheduleWhen");
        ChoiceBox<String> verify = new ChoiceBox<>();
        verify.setId("scheduleVerify");
        verify.getItems().addAll("none", "quick", "archive", "full");
        verify.setValue("archive");
        javafx.scene.control.Spinner<Integer> jobs = new javafx.scene.control.Spinner<>(1,
                dev.lifeboat.core.backup.BackupRequest.MAX_JOBS, 1);
        jobs.setId("scheduleJobs");
        jobs.setPrefWidth(80);
        CheckBox prune = new CheckBox("Apply the retention policy after each backup");
        prune.setId("schedulePrune");
        Label errors = new Label();
        errors.setId("scheduleErrors");
        errors.setWrapText(true);
        errors.setMaxWidth(520);
        errors.getStyleClass().add(Styles.PROBLEM);
        errors.setVisible(false);
        errors.managedProperty().bind(errors.visibleProperty());
        Label password = new Label("Scheduled runs read the password from ~/.pgpass: when Lifeboat asks for it, "
                + "tick \u201cSave in ~/.pgpass\u201d.");
        password.setWrapText(true);
        password.setMaxWidth(520);
        password.getStyleClass().add(Styles.MUTED);
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(8);
        g.setPadding(new Insets(4));
        // The labels keep their width: the fields give way, never the words.
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.getColumnConstraints().add(labels);
        g.addRow(0, new Label("Name"), name);
        g.addRow(1, new Label("Connection"), conn);
        g.addRow(2, new Label("When"), when, new Label("hourly | daily HH:MM | weekly DAY HH:MM"));
        g.addRow(3, new Label("Verify"), verify);
        // The spinner's hint beside it and the check box span the hint column: in the field column
        // alone both were cut to "…" (the column is as wide as the name field).
        Label jobsHint = new Label("1: one file; 2 or more: a folder dumped in parallel");
        jobsHint.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        javafx.scene.layout.HBox jobsRow = new javafx.scene.layout.HBox(10, jobs, jobsHint);
        jobsRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        g.add(new Label("Parallel jobs"), 0, 4);
        g.add(jobsRow, 1, 4, 2, 1);
        prune.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        g.add(prune, 1, 5, 2, 1);
        d.getDialogPane().setContent(new VBox(10, g, password, errors));
        d.getDialogPane().setMinWidth(700); // the form's hint and check box whole at the default font
        d.setResizable(true);
        ButtonType ok = new ButtonType("Schedule", ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ok);
        Button okButton = (Button) d.getDialogPane().lookupButton(ok);
        okButton.setId("saveSchedule");
        Supplier<Schedule> draft = () -> new Schedule(name.getText().strip(),
                conn.getEditor().getText() == null || conn.getEditor().getText().isBlank() ? conn.getValue()
                        : conn.getEditor().getText().strip(),
                ctx.manifest().store() == null ? null : ctx.manifest().store().folder().toString(), when.getText().strip(),
                "none".equals(verify.getValue()) ? null : verify.getValue(), prune.isSelected(),
                jobs.getValue());
        // A wrong field is marked red where it was typed, as Settings and Retention mark theirs; typing clears it.
        java.util.Map<String, TextField> fields = java.util.Map.of("Name", name, "Connection", conn.getEditor(),
                "When", when, "Jobs", jobs.getEditor());
        fields.values().forEach(f -> f.textProperty().addListener((o, a, b) -> f.getStyleClass().remove(WRONG)));
        okButton.addEventFilter(ActionEvent.ACTION, e -> {
            List<FieldError> wrong = model.validate(draft.get());
            fields.forEach((field, f) -> {
                f.getStyleClass().remove(WRONG);
                if (wrong.stream().anyMatch(x -> x.field().equals(field))) {
                    f.getStyleClass().add(WRONG);
                }
            });
            if (!wrong.isEmpty()) {
                errors.setText(wrong.stream().map(x -> x.field() + ": " + x.message()).collect(Collectors.joining("\n")));
                errors.setVisible(true);
                d.getDialogPane().getScene().getWindow().sizeToScene();
                e.consume();
            }
        });
        d.setResultConverter(b -> b == ok ? draft.get() : null);
        d.showAndWait().ifPresent(model::add);
    }
}
