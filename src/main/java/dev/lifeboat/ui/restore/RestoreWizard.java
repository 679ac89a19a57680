package dev.lifeboat.ui.restore;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.restore.RestoreMode;
import dev.lifeboat.core.restore.RestorePlan;
import dev.lifeboat.core.restore.RestoreRequest;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.core.settings.SettingsStore;
import dev.lifeboat.ui.common.Styles;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.controlsfx.control.CheckListView;

import java.util.List;
import java.util.Map;

/**
 * The restore wizard: target and mode, optional tables, then the plan from core in full. The final
 * button names what it does ("Replace database ledger") and stays disabled until the plan allows
 * it; a protected target also needs its name typed. Cancel at any point changes nothing.
 */
public final class RestoreWizard extends Dialog<RestoreModel.Agreed> {
    private static final String WRONG = "wrong-field";
    private final BackupEntry entry;
    private final RestoreModel model;
    private final SettingsStore settings;
    private final ComboBox<String> target = new ComboBox<>();
    private final RadioButton replace = new RadioButton("Replace, safely (restore beside it, check, then swap)");
    private final RadioButton newDb = new RadioButton("Into a new database");
    private final RadioButton inPlace = new RadioButton("In place (safety backup first; for when there is no room for two copies)");
    private final TextField newName = new TextField();
    private final CheckBox terminate = new CheckBox("End other sessions on the target when needed");
    private final CheckBox createRoles = new CheckBox("Create missing roles from the roles saved with the backup");
    private final CheckBox noOwner = new CheckBox("Do not restore owners (objects belong to the user who restores)");
    private final CheckBox noPrivileges = new CheckBox("Do not restore privileges (grants)");
    private final CheckListView<String> tables = new CheckListView<>();
    private final VBox planBox = new VBox(8);
    private final javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane();
    private final TextField typedName = new TextField();
    private final Label confirmLabel = new Label();
    private final VBox confirmBox = new VBox(4, confirmLabel, typedName);
    private final ButtonType go = new ButtonType("Restore", ButtonBar.ButtonData.OK_DONE);
    private final ChangeListener<Object> render = (o, a, b) -> render();

    public RestoreWizard(Window owner, BackupEntry entry, RestoreModel model, SettingsStore settings) {
        this.entry = entry;
        this.model = model;
        this.settings = settings;
        model.begin();
        initOwner(owner);
        setTitle("Restore " + entry.effectiveId());
        setHeaderText("Restore " + entry.effectiveId() + " (" + entry.database() + ", " + entry.datetime() + ")");
        setResizable(true);

        target.setId("restoreTarget");
        target.setEditable(true);
        target.setPrefWidth(420);
        String original = original();
        if (original != null) {
            target.getItems().add(original);
        }
        settings.load().connections().stream().map(ConnectionProfile::name).forEach(target.getItems()::add);
        target.setValue(original != null ? original : target.getItems().isEmpty() ? null : target.getItems().get(0));
        ToggleGroup modes = new ToggleGroup();
        for (RadioButton r : List.of(replace, newDb, inPlace)) {
            r.setToggleGroup(modes);
        }
        replace.setId("modeReplace");
        newDb.setId("modeNew");
        inPlace.setId("modeInPlace");
        replace.setSelected(true);
        newName.setId("newName");
        newName.setPromptText("name of the new database");
        newName.setPrefWidth(280); // the prompt is read whole
        newName.disableProperty().bind(newDb.selectedProperty().not());
        newName.textProperty().addListener((o, was, now) -> newName.getStyleClass().remove(WRONG));
        terminate.setId("terminateSessions");
        tables.setId("restoreTables");
        // Six rows at least: the plan below gives way when the list opens (it was squeezed to one row).
        tables.setPrefHeight(160);
        tables.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        if (entry.tables() != null) {
            entry.tables().stream().map(RestoreModel::sqlName).forEach(tables.getItems()::add);
        }
        TitledPane objects = new TitledPane("Only some tables (optional)", tables);
        objects.setExpanded(false);

        Button showPlan = new Button("Show the plan");
        showPlan.setId("showPlan");
        showPlan.setOnAction(e -> computePlan());
        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(6);
        form.addRow(0, new Label("Target"), target);
        form.add(new VBox(4, replace, newDb, nameRow(), inPlace), 1, 1);
        noOwner.setId("noOwner");
        noPrivileges.setId("noPrivileges");
        form.add(new VBox(4, terminate, createRoles, noOwner, noPrivileges), 1, 2);
        form.add(objects, 1, 3);
        // The table list takes the dialog's width: a 63-character table name had a scroll bar under it.
        javafx.scene.layout.ColumnConstraints labels = new javafx.scene.layout.ColumnConstraints();
        javafx.scene.layout.ColumnConstraints fields = new javafx.scene.layout.ColumnConstraints();
        fields.setHgrow(javafx.scene.layout.Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        objects.setMaxWidth(Double.MAX_VALUE);
        form.add(showPlan, 1, 4);
        planBox.setPadding(new Insets(8, 12, 8, 0));
        confirmBox.setVisible(false);
        confirmBox.managedProperty().bind(confirmBox.visibleProperty());
        // One scroll for the form and the plan: the plan in a scroll pane of its own under the form was a
        // slit of some 120 px once the table list was open, and its rows table scrolled inside that.
        VBox content = new VBox(10, form, planBox, confirmBox);
        content.setPrefWidth(800);
        scroll.setContent(content);
        scroll.setFitToWidth(true);
        // Tall enough for the form with its table list open and the plan's first steps; on a small screen
        // the dialog (header and buttons about 260 px) still fits.
        scroll.setPrefViewportHeight(Math.max(360, Math.min(640,
                javafx.stage.Screen.getPrimary().getVisualBounds().getHeight() - 260)));
        scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);

        getDialogPane().setContent(scroll);
        // Some window managers (Xvfb's none among them) open a dialog 600 px wide whatever its pane asks,
        // and a width set once shown was undone by the dialog's own sizing (seen on screen): a minimum holds.
        getDialogPane().setPrefWidth(860);
        addEventHandler(javafx.scene.control.DialogEvent.DIALOG_SHOWN, e -> {
            Window w = getDialogPane().getScene().getWindow();
            if (w instanceof javafx.stage.Stage stage) {
                stage.setMinWidth(860);
            }
            w.setWidth(Math.max(860, w.getWidth()));
            Window over = getOwner(); // centred over the main window, as before it grew
            if (over != null) {
                w.setX(Math.max(0, over.getX() + (over.getWidth() - w.getWidth()) / 2));
            }
        });
        getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, go);
        Button goButton = (Button) getDialogPane().lookupButton(go);
        goButton.setId("confirmRestore");
        goButton.setMnemonicParsing(false); // database names contain underscores
        ButtonBar.setButtonUniformSize(goButton, false);
        goButton.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        goButton.setDisable(true);
        // Any change to the form invalidates the plan shown.
        for (var p : List.of(target.valueProperty(), replace.selectedProperty(), newDb.selectedProperty(),
                inPlace.selectedProperty(), newName.textProperty(), terminate.selectedProperty(),
                createRoles.selectedProperty(), noOwner.selectedProperty(), noPrivileges.selectedProperty())) {
            p.addListener((o, a, b) -> model.invalidate());
        }
        tables.getCheckModel().getCheckedItems().addListener((javafx.collections.ListChangeListener<String>) c -> model.invalidate());
        typedName.setId("typedName");
        typedName.textProperty().addListener((o, a, b) -> updateGo());
        // The model outlives the wizard: its listeners go when the wizard does.
        model.planProperty().addListener(render);
        model.planningProperty().addListener(render);
        model.problemProperty().addListener(render);
        setOnHidden(e -> {
            model.planProperty().removeListener(render);
            model.planningProperty().removeListener(render);
            model.problemProperty().removeListener(render);
        });
        setResultConverter(b -> b == go ? model.agree(typedName.getText()) : null);
    }

    /** The new database's name field, its label on the field's baseline (it sat above it). */
    private HBox nameRow() {
        HBox row = new HBox(8, new Label("   name"), newName);
        row.setAlignment(javafx.geometry.Pos.BASELINE_LEFT);
        return row;
    }

    private String original() {
        if (entry.host() == null) {
            return null;
        }
        return new ConnectionSpec(entry.host(), entry.port() == null ? 0 : entry.port(), entry.database(), entry.user(),
                null, Map.of()).toUri();
    }

    private RestoreRequest request() {
        String text = target.getEditor().getText() == null || target.getEditor().getText().isBlank()
                ? target.getValue() : target.getEditor().getText();
        ConnectionSpec spec = settings.resolve(text.strip());
        RestoreMode mode = newDb.isSelected() ? RestoreMode.NEW : inPlace.isSelected() ? RestoreMode.IN_PLACE : RestoreMode.REPLACE;
        List<String> chosen = List.copyOf(tables.getCheckModel().getCheckedItems());
        return new RestoreRequest(entry.effectiveId(), spec, mode, newName.getText().isBlank() ? null : newName.getText().strip(),
                chosen, List.of(), false, 0, terminate.isSelected(), null, createRoles.isSelected())
                .withOwnership(noOwner.isSelected(), noPrivileges.isSelected());
    }

    /** Shows what the model holds: a plan being computed, the plan, why there is none, or nothing. */
    private void render() {
        confirmBox.setVisible(false);
        if (model.planningProperty().get()) {
            planBox.getChildren().setAll(new HBox(8, new ProgressIndicator(-1), new Label("Checking the backup and the target\u2026")));
        } else if (model.planProperty().get() != null) {
            showPlan(model.planProperty().get());
            return;
        } else if (model.problemProperty().get() != null) {
            planBox.getChildren().setAll(problem(model.problemProperty().get()));
        } else {
            planBox.getChildren().clear();
        }
        updateGo();
    }

    /** Asks the model for the plan; the plan changes nothing on the server. */
    public void computePlan() {
        RestoreRequest req;
        try {
            req = request();
        } catch (RuntimeException e) {
            model.invalidate();
            planBox.getChildren().setAll(problem(e.getMessage()));
            return;
        }
        model.computePlan(req);
    }

    private void showPlan(RestorePlan p) {
        planBox.getChildren().setAll(PlanView.nodes(p, model.planTitle(), model.plannedRequest()));
        // The plan is what to read now: brought to the top of the view (or as far as the scroll goes).
        javafx.application.Platform.runLater(() -> {
            scroll.applyCss();
            scroll.layout();
            double room = scroll.getContent().getBoundsInLocal().getHeight() - scroll.getViewportBounds().getHeight();
            scroll.setVvalue(room <= 0 ? 0 : Math.min(1, planBox.getBoundsInParent().getMinY() / room));
        });
        // A name the server has already is marked where it was typed, as the other forms mark theirs.
        newName.getStyleClass().remove(WRONG);
        if (p.refusals().stream().anyMatch(x -> x.remedy() == dev.lifeboat.core.Remedy.CHOOSE_NEW_NAME)) {
            newName.getStyleClass().add(WRONG);
        }
        boolean needsName = model.typedNameRequired();
        typedName.clear();
        confirmLabel.setText("\u26A0 " + p.targetDatabase() + " is a protected database. Type its name to confirm:");
        confirmBox.setVisible(needsName);
        Button goButton = (Button) getDialogPane().lookupButton(go);
        goButton.setText(model.actionLabel());
        if (p.allowed() && !goButton.getStyleClass().contains(Styles.DANGER_BUTTON)) {
            goButton.getStyleClass().add(Styles.DANGER_BUTTON);
        }
        updateGo();
    }

    private void updateGo() {
        Button goButton = (Button) getDialogPane().lookupButton(go);
        goButton.setDisable(!model.confirmed(typedName.getText()));
        if (model.planProperty().get() == null) {
            goButton.setText("Restore");
            goButton.getStyleClass().remove(Styles.DANGER_BUTTON);
        }
    }

    private static Label problem(String text) {
        return PlanView.problem(text);
    }

}
