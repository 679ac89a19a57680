package dev.lifeboat.ui.restore;

import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.restore.RestoreConfirmation;
import dev.lifeboat.core.restore.RestorePlan;
import dev.lifeboat.core.restore.RestoreRequest;
import dev.lifeboat.core.restore.RestoreResult;
import dev.lifeboat.core.restore.RestoreService;
import dev.lifeboat.core.util.Sizes;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.OperationModel;
import dev.lifeboat.ui.common.OperationTask;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The restore wizard's state (the plan core computed, whether one is being computed, why none could
 * be) and the restores, rollbacks and discards the app runs. The confirmation rule is core's.
 */
public final class RestoreModel extends OperationModel {
    /** What the person agreed to: the request (its target carrying the password the server took) and its plan. */
    public record Agreed(RestoreRequest request, RestorePlan plan) {
    }

    private final ReadOnlyObjectWrapper<RestorePlan> plan = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper planning = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<RestoreResult> result = new ReadOnlyObjectWrapper<>();
    private final Runnable historyChanged;
    private RestoreRequest planned;
    /** The wizard's service: it keeps the archives' contents it read, so planning again is quick. */
    private RestoreService wizardService;

    /** @param historyChanged called when the operations log changed (a restore, rollback or discard ended) */
    public RestoreModel(AppContext ctx, Runnable historyChanged) {
        super(ctx);
        this.historyChanged = historyChanged;
    }

    public ReadOnlyObjectProperty<RestorePlan> planProperty() {
        return plan.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty planningProperty() {
        return planning.getReadOnlyProperty();
    }

    /** Why no plan could be made (the request could not be read, the server not reached), or null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The last restore that finished. */
    public ReadOnlyObjectProperty<RestoreResult> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** The request the shown plan was made for, or null. */
    public RestoreRequest plannedRequest() {
        return plan.get() == null ? null : planned;
    }

    /** A new wizard begins: a fresh service (today's settings and folder), kept while it plans again and runs. */
    public void begin() {
        wizardService = newService();
        invalidate();
    }

    private RestoreService newService() {
        return new RestoreService(ctx.manifest().store(), ctx.tools(), ctx.settings()::isProtected, ctx.credentials()::ensure, identity());
    }

    private RestoreService wizardService() {
        if (wizardService == null) {
            wizardService = newService();
        }
        return wizardService;
    }

    /** The form changed: the plan shown no longer holds. */
    public void invalidate() {
        plan.set(null);
        problem.set(null);
    }

    /** Computes the plan off the FX thread, asking the target's password first when needed; changes nothing. */
    public OperationTask<RestoreRequest> computePlan(RestoreRequest req) {
        invalidate();
        planning.set(true);
        RestoreService s = wizardService();
        RestorePlan[] made = new RestorePlan[1];
        OperationTask<RestoreRequest> t = new OperationTask<>("Plan the restore of " + req.backupId(), (progress, cancel) -> {
            RestoreRequest ready = req.withTarget(ctx.credentials().ensure(req.target()));
            // The typed name is asked below the plan; core checks it again when the restore runs.
            made[0] = s.plan(ready.withConfirmName(ready.target().database()), cancel);
            return ready;
        });
        t.setOnSucceeded(e -> {
            planning.set(false);
            planned = t.getValue();
            plan.set(made[0]);
        });
        t.setOnFailed(e -> {
            planning.set(false);
            problem.set(t.getException().getMessage());
        });
        t.setOnCancelled(e -> planning.set(false));
        return ctx.runner().start(t);
    }

    /**
     * The label of the confirming button: "Replace database ledger", "Replace 2 tables in ledger" for
     * some tables in place, or "Restore" without a plan that allows it.
     */
    public String actionLabel() {
        RestorePlan p = plan.get();
        return p != null && p.allowed() ? RestoreConfirmation.actionLabel(p, planned) : "Restore";
    }

    /**
     * The plan's headline in words: what happens to which database (for a new database, the new
     * name, not the connection's), where, and about how long; empty without a plan.
     */
    public String planTitle() {
        RestorePlan p = plan.get();
        if (p == null) {
            return "";
        }
        String what = switch (p.mode()) {
            case NEW -> "restore into a new database " + Pg.identIfNeeded(p.workingDatabase());
            case REPLACE -> "replace " + Pg.identIfNeeded(p.targetDatabase()) + " safely";
            case IN_PLACE -> "restore into " + Pg.identIfNeeded(p.targetDatabase()) + " in place";
        };
        return "Plan: " + what + " on " + p.server() + " \u2014 about " + Sizes.seconds(p.estimatedSeconds())
                + " (from " + p.estimateBasis() + ")";
    }

    /**
     * A table's name as SQL writes it, quoted only where SQL needs quotes ("we""ird sch.ema"."T 1",
     * public."dotted.name", app.customers): which dot parts schema from table is then plain, and
     * core reads the name back the same way.
     */
    public static String sqlName(TableStat t) {
        return Pg.identIfNeeded(t.schema()) + "." + Pg.identIfNeeded(t.name());
    }

    public boolean typedNameRequired() {
        RestorePlan p = plan.get();
        return p != null && p.allowed() && RestoreConfirmation.typedNameRequired(p);
    }

    /** Whether the restore may start with what was typed: core's rule. */
    public boolean confirmed(String typed) {
        return plan.get() != null && RestoreConfirmation.confirmed(plan.get(), typed);
    }

    /** The agreement the wizard returns, or null when the plan does not allow it with what was typed. */
    public Agreed agree(String typed) {
        if (!confirmed(typed)) {
            return null;
        }
        return new Agreed(planned.withConfirmName(typed == null || typed.isBlank() ? null : typed.strip()), plan.get());
    }

    /** Runs what was agreed: the databases get the names its plan showed. */
    public OperationTask<RestoreResult> start(Agreed a) {
        RestoreService s = wizardService();
        RestoreRequest r = a.request();
        OperationTask<RestoreResult> t = new OperationTask<>("Restore " + r.backupId() + " into "
                + RestoreConfirmation.nameToType(a.plan()),
                (p, c) -> ctx.credentials().withPassword(r.target(), ready -> s.restore(r.withTarget(ready), a.plan(), p, c)));
        t.setOnSucceeded(e -> {
            ctx.manifest().reload();
            historyChanged.run();
            result.set(t.getValue());
            RestoreResult res = t.getValue();
            ctx.dialogs().showInfo("Restore complete", "Restored " + chosen(r) + r.backupId() + " into "
                    + res.restoredDatabase() + "."
                    + "\n\n" + res.rowCheck()
                    + (res.rollbackDatabase() == null ? "" : "\n\nThe previous database is kept as " + res.rollbackDatabase()
                    + ". Roll back or discard it in the History tab.")
                    + (res.safetyBackupId() == null ? "" : "\n\nA safety backup was taken first: " + res.safetyBackupId()));
        });
        t.setOnFailed(e -> {
            historyChanged.run();
            failed("The restore failed", t.getException());
        });
        return ctx.using(r.backupId(), t);
    }

    /** For a restore of some tables or schemas, which ("public.\"a.b\", schema sales from "); else nothing. */
    private static String chosen(RestoreRequest r) {
        if (!r.selective()) {
            return "";
        }
        java.util.List<String> what = new java.util.ArrayList<>(r.tables());
        r.schemas().forEach(sc -> what.add("schema " + sc));
        return String.join(", ", what) + " from ";
    }

    public void rollback(OperationRecord op) {
        if (op == null || op.rollbackDatabase() == null) {
            ctx.dialogs().showInfo("Nothing to roll back", "Choose a restore that kept a rollback point.");
            return;
        }
        if (!ctx.dialogs().confirm("Roll back", "Put " + op.rollbackDatabase() + " back as " + op.target()
                + "? The restored database is kept aside.", "Roll back " + op.target())) {
            return;
        }
        RestoreService s = newService();
        OperationTask<OperationRecord> t = new OperationTask<>("Roll back " + op.target(), (p, c) -> s.rollback(op.id()));
        t.setOnSucceeded(e -> {
            historyChanged.run();
            notice("Rolled back", t.getValue().message());
        });
        t.setOnFailed(e -> failed("The rollback failed", t.getException()));
        ctx.runner().start(t);
    }

    public void discard(OperationRecord op) {
        if (op == null || op.rollbackDatabase() == null) {
            return;
        }
        if (!ctx.dialogs().confirm("Discard rollback point", "Drop database " + op.rollbackDatabase()
                + " for good? It cannot be undone.", "Drop " + op.rollbackDatabase())) {
            return;
        }
        RestoreService s = newService();
        OperationTask<OperationRecord> t = new OperationTask<>("Discard " + op.rollbackDatabase(), (p, c) -> s.discard(op.id()));
        t.setOnSucceeded(e -> historyChanged.run());
        t.setOnFailed(e -> failed("Discarding failed", t.getException()));
        ctx.runner().start(t);
    }

    /** The age identity that opens encrypted backups: LIFEBOAT_AGE_IDENTITY, else the one chosen in Encryption. */
    private java.nio.file.Path identity() {
        return dev.lifeboat.core.crypto.IdentitySetting.resolve(ctx.settings().file().getParent());
    }
}
