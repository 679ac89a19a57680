package dev.lifeboat.ui.retention;

import dev.lifeboat.core.FieldError;
import dev.lifeboat.core.retention.PruneResult;
import dev.lifeboat.core.retention.RetentionDecision;
import dev.lifeboat.core.retention.RetentionEditor;
import dev.lifeboat.core.retention.RetentionPolicies;
import dev.lifeboat.core.retention.RetentionPolicy;
import dev.lifeboat.ui.common.DialogService;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The retention editor's state: the rules as typed (the form's fields), the policy's scope, and
 * what the policy on screen would keep and delete. Reading the catalog, saving and pruning are jobs
 * of the app's executor; a wrong rule is named and nothing is saved or deleted.
 */
public final class RetentionModel {
    /** The scope "every database" (the default policy). */
    public static final String ALL = "All databases (default)";

    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final RetentionEditor editor;
    private final Runnable changed;
    private final Supplier<OffsetDateTime> clock;
    private final StringProperty scope = new SimpleStringProperty(ALL);
    private final StringProperty last = new SimpleStringProperty("");
    private final StringProperty daily = new SimpleStringProperty("");
    private final StringProperty weekly = new SimpleStringProperty("");
    private final StringProperty monthly = new SimpleStringProperty("");
    private final StringProperty yearly = new SimpleStringProperty("");
    private final StringProperty within = new SimpleStringProperty("");
    private final ObservableList<String> scopes = FXCollections.observableArrayList(ALL);
    /** Held here: a read-only view listened to must live as long as its list (its listener is weak). */
    private final ObservableList<String> scopesView = FXCollections.unmodifiableObservableList(scopes);
    private final ObservableList<RetentionDecision> decisions = FXCollections.observableArrayList();
    /** Held here: a read-only view listened to must live as long as its list (its listener is weak). */
    private final ObservableList<RetentionDecision> decisionsView = FXCollections.unmodifiableObservableList(decisions);
    private final ObservableList<FieldError> errors = FXCollections.observableArrayList();
    /** Held here: a read-only view listened to must live as long as its list (its listener is weak). */
    private final ObservableList<FieldError> errorsView = FXCollections.unmodifiableObservableList(errors);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final javafx.beans.property.ReadOnlyBooleanWrapper loaded = new javafx.beans.property.ReadOnlyBooleanWrapper(false);
    private RetentionPolicies policies = new RetentionPolicies(null, java.util.Map.of());
    private int generation;
    private boolean reverting;
    /** The rules as last filled in from the saved policy or saved: what closing compares the form with. */
    private RetentionEditor.Form shown = new RetentionEditor.Form("", "", "", "", "", "");
    /** Said before the next preview's counts ("Saved: …"), once. */
    private String note = "";

    public RetentionModel(TaskExecutor executor, DialogService dialogs, RetentionEditor editor, Runnable changed,
                          Supplier<OffsetDateTime> clock) {
        this.executor = executor;
        this.dialogs = dialogs;
        this.editor = editor;
        this.changed = changed;
        this.clock = clock;
        // Another scope shows its own rules: those typed for this one are not dropped without asking.
        scope.addListener((o, a, b) -> {
            if (reverting) {
                return;
            }
            if (loaded.get() && changedFrom() && !dialogs.confirm("Unsaved policy", "The policy on screen for "
                    + (ALL.equals(a) ? "every database" : a) + " is not saved: showing " + b + " drops it.", "Drop it")) {
                reverting = true;
                scope.set(a);
                reverting = false;
                return;
            }
            fill();
        });
    }

    public StringProperty scopeProperty() {
        return scope;
    }

    public StringProperty lastProperty() {
        return last;
    }

    public StringProperty dailyProperty() {
        return daily;
    }

    public StringProperty weeklyProperty() {
        return weekly;
    }

    public StringProperty monthlyProperty() {
        return monthly;
    }

    public StringProperty yearlyProperty() {
        return yearly;
    }

    public StringProperty withinProperty() {
        return within;
    }

    public ObservableList<String> scopes() {
        return scopesView;
    }

    public ObservableList<RetentionDecision> decisions() {
        return decisionsView;
    }

    /** The rules on screen that are wrong, named as the form names them. */
    public ObservableList<FieldError> errors() {
        return errorsView;
    }

    /** False until the saved policy is read: the form waits, so that nothing typed is overwritten. */
    public javafx.beans.property.ReadOnlyBooleanProperty loadedProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    private String database() {
        return ALL.equals(scope.get()) ? null : scope.get();
    }

    /** Reads the saved policies and the databases in the folder, then previews. */
    public void load() {
        OperationTask<Object[]> t = new OperationTask<Object[]>("Read retention policy", (p, c) -> new Object[] {
                editor.load(), editor.databases()}).brief();
        t.setOnSucceeded(e -> {
            policies = (RetentionPolicies) t.getValue()[0];
            @SuppressWarnings("unchecked")
            List<String> dbs = (List<String>) t.getValue()[1];
            scopes.setAll(ALL);
            scopes.addAll(dbs);
            fill();
            loaded.set(true);
        });
        t.setOnFailed(e -> dialogs.showError("Cannot read the retention policy", t.getException()));
        executor.start(t);
    }

    private void fill() {
        String db = database();
        RetentionPolicy p = db == null ? policies.forDatabase(null)
                : policies.databases().getOrDefault(db, policies.forDatabase(null));
        RetentionEditor.Form f = RetentionEditor.Form.of(p);
        last.set(f.keepLast());
        daily.set(f.keepDaily());
        weekly.set(f.keepWeekly());
        monthly.set(f.keepMonthly());
        yearly.set(f.keepYearly());
        within.set(f.keepWithin());
        shown = f;
        preview();
    }

    /** The policy on screen, or null with its wrong rules named in {@link #errors()}. */
    private RetentionPolicy onScreen() {
        RetentionEditor.Parsed parsed = RetentionEditor.parse(new RetentionEditor.Form(last.get(), daily.get(),
                weekly.get(), monthly.get(), yearly.get(), within.get()));
        errors.setAll(parsed.errors());
        if (!parsed.ok()) {
            decisions.clear(); // no preview of a policy that is not on screen
            summary.set("\u2716 " + parsed.errors().stream().map(x -> x.field() + ": " + x.message())
                    .collect(Collectors.joining("; ")));
        }
        return parsed.policy();
    }

    private RetentionEditor.Form form() {
        return new RetentionEditor.Form(last.get(), daily.get(), weekly.get(), monthly.get(), yearly.get(), within.get());
    }

    /** Whether the rules on screen differ from the saved policy of the scope (spaces aside). */
    public boolean hasUnsavedChanges() {
        return loaded.get() && changedFrom();
    }

    private boolean changedFrom() {
        return !form().sameRulesAs(shown);
    }

    /** Whether the editor may close: nothing typed is unsaved, or the person chose to drop it. */
    public boolean mayClose() {
        return !hasUnsavedChanges() || dialogs.confirm("Unsaved policy", "The policy on screen for "
                + (database() == null ? "every database" : database()) + " is not saved: closing drops it. "
                + "Press Save policy to keep it.", "Close without saving");
    }

    /** Checks the rules as typed, naming the wrong ones at once; nothing is read. */
    public boolean check() {
        return onScreen() != null;
    }

    /** Shows what the policy on screen (saved or not) would keep and delete. */
    public void preview() {
        RetentionPolicy policy = onScreen();
        int mine = ++generation;
        if (policy == null) {
            decisions.clear();
            return;
        }
        String db = database();
        OperationTask<List<RetentionDecision>> t = new OperationTask<List<RetentionDecision>>("Retention preview",
                (p, c) -> editor.preview(db, policy, clock.get())).brief();
        t.setOnSucceeded(e -> {
            if (mine != generation) {
                return; // the form changed meanwhile; a newer preview is on its way
            }
            List<RetentionDecision> d = t.getValue();
            long gone = d.stream().filter(x -> !x.keep()).count();
            decisions.setAll(d);
            summary.set(note + (d.size() - gone) + " kept, " + gone + " would be deleted (" + policy.describe() + ")");
            note = "";
        });
        executor.start(t);
    }

    /** Saves the policy on screen for the scope; a wrong rule is named and nothing is saved. */
    public void save() {
        RetentionPolicy policy = onScreen();
        if (policy == null) {
            return;
        }
        String db = database();
        RetentionEditor.Form saving = form();
        OperationTask<RetentionPolicies> t = new OperationTask<>("Save retention policy", (p, c) -> {
            editor.save(db, policy);
            return editor.load();
        });
        t.setOnSucceeded(e -> {
            policies = t.getValue();
            shown = saving;
            note = "Saved for " + (db == null ? "every database" : db) + ". ";
            summary.set(note);
            preview();
        });
        t.setOnFailed(e -> dialogs.showError("Cannot save the policy", t.getException()));
        executor.start(t);
    }

    /**
     * Prunes by the policy on screen: the confirmation lists what goes; agreeing saves the policy
     * (so later scheduled prunes do the same) and deletes exactly those backups.
     */
    public void prune() {
        RetentionPolicy policy = onScreen();
        if (policy == null) {
            return;
        }
        String db = database();
        OperationTask<List<String>> plan = new OperationTask<List<String>>("Retention preview",
                (p, c) -> editor.preview(db, policy, clock.get()).stream().filter(d -> !d.keep())
                        .map(RetentionDecision::backupId).toList()).brief();
        plan.setOnSucceeded(e -> confirmAndPrune(db, policy, plan.getValue()));
        plan.setOnFailed(e -> dialogs.showError("Cannot prune", plan.getException()));
        executor.start(plan);
    }

    private void confirmAndPrune(String db, RetentionPolicy policy, List<String> gone) {
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
        OperationTask<PruneResult> t = new OperationTask<>("Prune", (p, c) ->
                editor.pruneConfirmed(db, policy, gone, clock.get()));
        t.setOnSucceeded(e -> {
            changed.run();
            load();
            dialogs.showInfo("Pruned", t.getValue().deleted().size() + " backup(s) deleted.");
        });
        t.setOnFailed(e -> {
            load();
            dialogs.showError("Nothing was pruned", t.getException());
        });
        executor.start(t);
    }

    /** Whether the rule of this field is wrong on screen (the view marks it). */
    public boolean isWrong(String field) {
        return errors.stream().anyMatch(e -> Objects.equals(e.field(), field));
    }
}
