package dev.lifeboat.ui.retention;

import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.retention.RetentionDecision;
import dev.lifeboat.core.retention.RetentionEditor;
import dev.lifeboat.ui.common.DialogService;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.ui.common.Tables;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.animation.PauseTransition;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** The retention policy editor, with a preview of every decision before anything is deleted. */
public final class RetentionDialog extends Dialog<Void> {
    private static final String WRONG = "wrong-field";

    private final RetentionModel model;
    private final Map<String, TextField> fields = new LinkedHashMap<>();

    public RetentionDialog(Window owner, ManifestStore store, DialogService dialogs, TaskExecutor executor,
                           Runnable changed) {
        this(owner, store.folder().toString(), new RetentionModel(executor, dialogs, new RetentionEditor(store), changed,
                OffsetDateTime::now));
    }

    public RetentionDialog(Window owner, String folder, RetentionModel model) {
        this.model = model;
        initOwner(owner);
        setTitle("Retention");
        setHeaderText("Which backups to keep in " + folder);
        setResizable(true);
        ComboBox<String> scope = new ComboBox<>(model.scopes());
        scope.setId("retentionScope");
        scope.valueProperty().bindBidirectional(model.scopeProperty());
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Policy for"), scope);
        row(form, 1, "Keep the last", "keepLast", model.lastProperty(), "backups");
        row(form, 2, "Keep daily", "keepDaily", model.dailyProperty(), "days");
        row(form, 3, "Keep weekly", "keepWeekly", model.weeklyProperty(), "weeks");
        row(form, 4, "Keep monthly", "keepMonthly", model.monthlyProperty(), "months");
        row(form, 5, "Keep yearly", "keepYearly", model.yearlyProperty(), "years");
        row(form, 6, "Keep everything within", "keepWithin", model.withinProperty(), "such as 30d, 12h, 2w");
        fields.get("Keep everything within").setPromptText("e.g. 30d");
        Label always = new Label("Pinned backups and each database's newest verified backup are always kept.");
        always.getStyleClass().add(Styles.MUTED);
        Button show = new Button("Preview");
        show.setId("retentionPreview");
        show.setOnAction(e -> model.preview());
        Button save = new Button("Save policy");
        save.setId("retentionSave");
        save.setOnAction(e -> model.save());
        Button prune = new Button("Prune now\u2026");
        prune.setId("retentionPrune");
        prune.getStyleClass().add(Styles.DANGER_BUTTON);
        prune.setOnAction(e -> model.prune());
        Label summary = new Label();
        summary.setId("retentionSummary");
        summary.setWrapText(true);
        summary.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // every wrong rule read whole, not cut
        summary.textProperty().bind(model.summaryProperty());
        TableView<RetentionDecision> preview = new TableView<>(model.decisions());
        preview.setId("retentionDecisions");
        preview.setPlaceholder(new Label("No backups to decide on, or a rule above needs correcting."));
        preview.getColumns().add(Tables.column("", 70, d -> d.keep() ? "keep" : "delete"));
        preview.getColumns().add(Tables.column("Backup", 230, RetentionDecision::backupId));
        preview.getColumns().add(Tables.column("Created", 170, d -> d.created() == null ? "" : d.created().replace('T', ' ')));
        preview.getColumns().add(Tables.column("Why", 380, d -> String.join("; ", d.reasons())));
        preview.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(RetentionDecision d, boolean empty) {
                super.updateItem(d, empty);
                getStyleClass().remove(Styles.ROW_MISMATCH);
                if (!empty && d != null && !d.keep()) {
                    getStyleClass().add(Styles.ROW_MISMATCH);
                }
            }
        });
        preview.setPrefSize(860, 300);
        HBox actions = new HBox(8, show, save, prune);
        form.disableProperty().bind(model.loadedProperty().not());
        actions.disableProperty().bind(model.loadedProperty().not());
        VBox content = new VBox(10, form, always, actions, summary, preview);
        content.setPadding(new Insets(4));
        getDialogPane().setContent(content);
        getDialogPane().setMinWidth(920); // the preview's Why column in view
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        // Rules typed but not saved are not dropped without a word.
        getDialogPane().lookupButton(ButtonType.CLOSE).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            if (!model.mayClose()) {
                e.consume();
            }
        });
        // A wrong rule is marked where it was typed.
        model.errors().addListener((ListChangeListener<Object>) c -> fields.forEach((name, f) -> {
            f.getStyleClass().remove(WRONG);
            if (model.isWrong(name)) {
                f.getStyleClass().add(WRONG);
            }
        }));
        // A wrong rule is named as it is typed; the preview follows the form (after a pause, since it
        // reads the catalog), not only the saved policy.
        PauseTransition typing = new PauseTransition(Duration.millis(200));
        typing.setOnFinished(e -> model.preview());
        fields.values().forEach(f -> f.textProperty().addListener((o, a, b) -> {
            if (model.check()) {
                typing.playFromStart();
            }
        }));
        model.load();
    }

    private void row(GridPane form, int row, String label, String id, StringProperty value, String unit) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(6);
        f.textProperty().bindBidirectional(value);
        fields.put(label, f);
        form.addRow(row, new Label(label), f, new Label(unit));
    }

    public RetentionModel model() {
        return model;
    }
}
