package dev.lifeboat.ui.retention;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.retention.PruneResult;
import dev.lifeboat.core.retention.PruneService;
import dev.lifeboat.core.retention.RetentionDecision;
import dev.lifeboat.core.retention.RetentionPlanner;
import dev.lifeboat.core.retention.RetentionPolicies;
import dev.lifeboat.core.retention.RetentionPolicy;
import dev.lifeboat.ui.common.DialogService;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.ui.common.Tables;
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

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;

/** The retention policy editor, with a preview of every decision before anything is deleted. */
public final class RetentionDialog extends Dialog<Void> {
    private static final String ALL = "All databases (default)";

    private final ManifestStore store;
    private final DialogService dialogs;
    private final Runnable changed;
    private final ComboBox<String> scope = new ComboBox<>();
    private final TextField last = field("keepLast");
    private final TextField daily = field("keepDaily");
    private final TextField weekly = field("keepWeekly");
    private final TextField monthly = field("keepMonthly");
    private final TextField yearly = field("keepYearly");
    private final TextField within = field("keepWithin");
    private final TableView<RetentionDecision> preview = new TableView<>();
    private final Label summary = new Label();
    private RetentionPolicies policies;

    public RetentionDialog(Window owner, ManifestStore store, DialogService dialogs, Runnable changed) {
        this.store = store;
        this.dialogs = dialogs;
        this.changed = changed;
        this.policies = RetentionPolicies.load(store.folder());
        initOwner(owner);
        setTitle("Retention");
        setHeaderText("Which backups to keep in " + store.folder());
        setResizable(true);
        scope.getItems().add(ALL);
        store.overview().backups().stream().map(BackupEntry::database).filter(d -> d != null).distinct().sorted()
                .forEach(scope.getItems()::add);
        scope.setValue(ALL);
        scope.valueProperty().addListener((o, a, v) -> fill());
        within.setPromptText("e.g. 30d");
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.addRow(0, new Label("Policy for"), scope);
        form.addRow(1, new Label("Keep the last"), last, new Label("backups"));
        form.addRow(2, new Label("Keep daily"), daily, new Label("days"));
        form.addRow(3, new Label("Keep weekly"), weekly, new Label("weeks"));
        form.addRow(4, new Label("Keep monthly"), monthly, new Label("months"));
        form.addRow(5, new Label("Keep yearly"), yearly, new Label("years"));
        form.addRow(6, new Label("Keep everything within"), within);
        Label always = new Label("Pinned backups and each database's newest verified backup are always kept.");
        always.getStyleClass().add(Styles.MUTED);
        Button show = new Button("Preview");
        show.setId("retentionPreview");
        show.setOnAction(e -> preview());
        Button save = new Button("Save policy");
        save.setId("retentionSave");
        save.setOnAction(e -> {
            try {
                policies = policies.with(ALL.equals(scope.getValue()) ? null : scope.getValue(), policy());
                policies.save(store.folder());
                preview();
            } catch (RuntimeException ex) {
                dialogs.showError("Cannot save the policy", ex);
            }
        });
        Button prune = new Button("Prune now\u2026");
        prune.setId("retentionPrune");
        prune.getStyleClass().add(Styles.DANGER_BUTTON);
        prune.setOnAction(e -> pruneAsOnScreen());
        preview.setId("retentionDecisions");
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
        VBox content = new VBox(10, form, always, new HBox(8, show, save, prune), summary, preview);
        getDialogPane().setContent(content);
        getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        fill();
        preview();
        // The preview follows the form as it is typed, not only the saved policy.
        for (TextField f : List.of(last, daily, weekly, monthly, yearly, within)) {
            f.textProperty().addListener((o, a, b) -> preview());
        }
    }

    private static TextField field(String id) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(6);
        return f;
    }

    private void fill() {
        RetentionPolicy p = ALL.equals(scope.getValue()) ? policies.forDatabase(null)
                : policies.databases().getOrDefault(scope.getValue(), policies.forDatabase(null));
        last.setText(text(p.keepLast()));
        daily.setText(text(p.keepDaily()));
        weekly.setText(text(p.keepWeekly()));
        monthly.setText(text(p.keepMonthly()));
        yearly.setText(text(p.keepYearly()));
        within.setText(p.keepWithin() == null ? "" : p.keepWithin());
    }

    private static String text(Integer n) {
        return n == null ? "" : n.toString();
    }

    /** The field's whole number, or null when empty; a wrong value names the field it is in. */
    private static Integer number(TextField f, String field, String unit) {
        String t = f.getText().strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            int n = Integer.parseInt(t);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new LifeboatException(ErrorCode.USAGE, "\u201c" + field + "\u201d must be a whole number of " + unit
                + " (0 or more), not '" + t + "'.");
    }

    private RetentionPolicy policy() {
        String w = within.getText().strip();
        if (!w.isEmpty()) {
            try {
                RetentionPolicy.parseDuration(w);
            } catch (RuntimeException e) {
                throw new LifeboatException(ErrorCode.USAGE, "\u201cKeep everything within\u201d: " + e.getMessage());
            }
        }
        return new RetentionPolicy(number(last, "Keep the last", "backups"), number(daily, "Keep daily", "days"),
                number(weekly, "Keep weekly", "weeks"), number(monthly, "Keep monthly", "months"),
                number(yearly, "Keep yearly", "years"), w.isEmpty() ? null : w);
    }

    /**
     * Prunes by the policy on screen: the confirmation lists what goes; agreeing saves that policy
     * (so later scheduled prunes do the same) and deletes exactly those backups.
     */
    private void pruneAsOnScreen() {
        RetentionPolicies candidate;
        try {
            candidate = policies.with(ALL.equals(scope.getValue()) ? null : scope.getValue(), policy());
        } catch (RuntimeException ex) {
            dialogs.showError("Cannot prune", ex);
            return;
        }
        List<String> gone = new RetentionPlanner(ZoneId.systemDefault()).plan(store.load(), candidate, OffsetDateTime.now())
                .stream().filter(d -> !d.keep()).map(RetentionDecision::backupId).toList();
        if (gone.isEmpty()) {
            dialogs.showInfo("Nothing to prune", "The policy on screen keeps every backup.");
            return;
        }
        String list = String.join("\n", gone.stream().limit(15).map(id -> "  \u2022 " + id).toList())
                + (gone.size() > 15 ? "\n  \u2026 and " + (gone.size() - 15) + " more" : "");
        if (!dialogs.confirm("Prune", "The policy on screen is saved, and these " + gone.size() + " backup file(s) and "
                + "their entries are deleted. This cannot be undone.\n\n" + list, "Delete " + gone.size() + " backups")) {
            return;
        }
        policies = candidate;
        policies.save(store.folder());
        PruneResult r = new PruneService(store).prune(false, OffsetDateTime.now());
        changed.run();
        preview();
        dialogs.showInfo("Pruned", r.deleted().size() + " backup(s) deleted.");
    }

    /** Shows what the policy in the form (saved or not) would keep and delete. */
    public void preview() {
        RetentionPolicies candidate;
        try {
            candidate = policies.with(ALL.equals(scope.getValue()) ? null : scope.getValue(), policy());
        } catch (RuntimeException e) {
            summary.setText("\u2716 " + e.getMessage());
            return;
        }
        List<RetentionDecision> d = new RetentionPlanner(ZoneId.systemDefault()).plan(store.overview(), candidate,
                OffsetDateTime.now());
        long gone = d.stream().filter(x -> !x.keep()).count();
        summary.setText(d.size() - gone + " kept, " + gone + " would be deleted (" + candidate.forDatabase(
                ALL.equals(scope.getValue()) ? null : scope.getValue()).describe() + ")");
        preview.getItems().setAll(d);
    }
}
