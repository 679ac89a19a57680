package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.archive.CommitGate;
import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.util.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The load of a whole backup into a new database that was made before the plan ({@link
 * EarlyCreate#beforePlan}: {@code restore ID --to CONN --mode new --yes}), started at once on a thread
 * of its own, beside the plan's checks and printing, into its one uncommitted transaction (decision
 * 011, 2026-12-05 session 13). It commits only once the plan allowed the restore and has been shown,
 * and the backup's SHA-256 matched; a plan that refuses, fails or cannot be shown ends the load's
 * script uncommitted, and the restore reports what it reported before. The database is new and
 * nothing in it is visible to others before the COMMIT, so nothing anyone can see moves before the plan.
 */
final class LoadBesidePlan {
    private static final Logger LOG = LoggerFactory.getLogger(LoadBesidePlan.class);
    /** Why the load did not commit when its plan refused: the plan says why, in its own words. */
    static final String NOT_ALLOWED = "the restore's plan did not allow it";

    /** The plan's own gate (the SHA-256 beside the load) once it allowed the restore and was shown; null else. */
    private final CompletableFuture<CommitGate> planned = new CompletableFuture<>();
    private final RestoreStrategy strategy;
    private final CompletableFuture<RestoreLoader.Loaded> loaded;
    private volatile boolean shown;

    /** Whether a restore of this request and backup, with this early database, loads beside its plan. */
    static boolean applies(RestoreRequest req, BackupEntry entry, Path file, EarlyCreate early) {
        return early.madeBeforePlan() && early.lockSlots() > 0 && req.mode() == RestoreMode.NEW && !req.selective()
                && !req.createMissingRoles() && !entry.isEncrypted()
                && BackupFormat.fromLabel(entry.format()) == BackupFormat.CUSTOM && Files.isRegularFile(file);
    }

    LoadBesidePlan(RestoreLoader loader, PgToolLocator tools, RestoreRequest req, BackupEntry entry,
                   MaintenanceConnection link, EarlyCreate early, ProgressListener progress, CancelToken cancel) {
        this.strategy = RestoreStrategy.forBackup(entry, tools, req.jobs(), early.lockSlots());
        LOG.info("Loading {} into {} beside its plan: nothing commits unless the plan allows it", entry.effectiveId(),
                early.database());
        CommitGate gate = CommitGate.checkingFromStart("restore-plan", () -> {
            CommitGate plans = planned.join();
            return plans == null ? NOT_ALLOWED : plans.awaitRefusal();
        });
        // Its progress is shown once the plan is: before, it would cut through the plan's lines.
        ProgressListener afterPlan = (done, total, message) -> {
            if (shown) {
                progress.progress(done, total, message);
            }
        };
        loaded = CompletableFuture.supplyAsync(LogContext.carried(() -> loader.createAndLoad(req, early.database(),
                        strategy, List.of(), entry, null, gate, link, early, List.of(), afterPlan, cancel)),
                r -> new Thread(r, "restore-beside-plan").start());
    }

    /**
     * The plan was made and shown: the load may commit once the plan's own gate passes, if the plan
     * allowed it with the strategy the load started with (the same backup, tools and server settings).
     */
    void shown(RestorePlan plan, CommitGate gate) {
        shown = true;
        planned.complete(!plan.allowed() ? null : strategy.equals(plan.strategy()) ? gate
                : CommitGate.checking("restore-plan-changed", () -> "the server's settings changed while the restore "
                        + "was planned (it would now restore " + plan.strategy().label() + "). Run it again."));
    }

    /** The plan refused, failed or was not shown: the load ends uncommitted; returns once it has. */
    void abandon() {
        planned.complete(null);
        loaded.handle((l, e) -> null).join();
    }

    /** The load's outcome, as {@link RestoreLoader#createAndLoad} returns or throws it. */
    RestoreLoader.Loaded join() {
        try {
            return loaded.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
