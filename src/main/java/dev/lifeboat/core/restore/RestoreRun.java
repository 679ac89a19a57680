package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.CommitGate;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.util.SafeFiles;
import dev.lifeboat.core.util.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One restore as {@link RestoreService} runs it: planned again (or for the first time), then loaded,
 * checked, swapped where it replaces, and recorded in the operations log, its journal intent ended
 * whatever happens.
 */
final class RestoreRun {
    /** Logged under RestoreService's name, as before this class was split from it. */
    private static final Logger LOG = LoggerFactory.getLogger(RestoreService.class);

    private final ManifestStore store;
    private final PgToolLocator tools;
    private final Predicate<ConnectionSpec> isProtected;
    private final CheckedHashes hashes;
    private final RestoreArchives archives;
    private final RestoreRoles roles;
    private final RestoreLoader loader;
    private final OperationsLog operations;

    RestoreRun(ManifestStore store, PgToolLocator tools, Predicate<ConnectionSpec> isProtected, CheckedHashes hashes,
               RestoreArchives archives, RestoreRoles roles, RestoreLoader loader, OperationsLog operations) {
        this.store = store;
        this.tools = tools;
        this.isProtected = isProtected;
        this.hashes = hashes;
        this.archives = archives;
        this.roles = roles;
        this.loader = loader;
        this.operations = operations;
    }

    RestoreResult planThenRestore(RestoreRequest req, RestorePlan shown, boolean preview, MaintenanceConnection link,
                                  Consumer<RestorePlan> planned, ProgressListener progress, CancelToken cancel) {
        progress.progress(0, 1, "Checking the backup and the target");
        RestoreService.reopenInterrupted(store, req);
        BackupEntry entry = RestoreService.find(store, req.backupId());
        // Once the server's checks pass, the journal and CREATE DATABASE of a whole restore go on beside the
        // estimate and the plan's printing; a plan refused after all drops what they made (EarlyCreate). The
        // CLI may have made the new database already, on the connection it gave (EarlyCreate.beforePlan).
        EarlyCreate early = (req.selective() ? Optional.<EarlyCreate>empty()
                : EarlyCreate.claim(store.folder(), link.given(), newDatabaseAskedFor(req)))
                .orElseGet(() -> new EarlyCreate(new Journal(store.folder()), OperationRecord.newId(), req.target(), link));
        String opId = early.opId();
        // Into a database made before the plan the load starts now, and commits once the plan allowed it.
        LoadBesidePlan beside = LoadBesidePlan.applies(req, entry, store.fileOf(entry), early)
                ? new LoadBesidePlan(loader, tools, req, entry, link, early, progress, cancel) : null;
        // Preflight again, as the target may have changed since the plan was shown; the preview of
        // what will differ is not computed twice. A file not hashed yet is hashed while it is restored.
        RestorePlan plan;
        CommitGate gate;
        try {
            RestorePlanner planner = new RestorePlanner(store, tools, isProtected, req, cancel,
                    archives.tocReader(entry, !req.selective()), preview, shown, hashes, entry, link)
                    .hashCheck(RestorePreflight.HashCheck.BESIDE_RESTORE).whenCheckedForCreate(req.selective() ? w -> { } : early::start)
                    .madeBefore(early::made);
            plan = planner.build();
            gate = planner.gate();
            planned.accept(plan);
            if (beside != null) {
                beside.shown(plan, gate);
            }
        } catch (RuntimeException e) {
            abandon(beside);
            early.undo();
            archives.discardPlaintexts();
            throw e;
        }
        if (!plan.allowed()) {
            abandon(beside);
            early.undo();
            archives.discardPlaintexts();
            throw RestoreService.refused(plan.refusals());
        }
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        long t0 = System.nanoTime();
        LOG.info("Restore {} of {} into {} ({}), operation {}", plan.mode().label(), entry.effectiveId(),
                plan.mode() == RestoreMode.NEW ? plan.workingDatabase() : plan.targetDatabase(), plan.server(), opId);
        Journal.Intent intent;
        try {
            intent = early.started() ? early.intent() : new Journal(store.folder()).begin(OperationRecord.RESTORE, opId);
        } catch (LifeboatException e) {
            throw new LifeboatException(ErrorCode.RESTORE_REFUSED, "The restore was refused and nothing was changed: "
                    + e.getMessage(), e);
        }
        String safetyId = null;
        RestoreLoader.Selection sel = null;
        List<String> created = new ArrayList<>();
        try {
            sel = loader.selection(req, plan.mode(), entry, cancel);
            RestoreLoader.Loaded loaded;
            if (plan.mode() == RestoreMode.IN_PLACE) {
                link.close(); // the plan's own session is not held through the safety backup and the load
                progress.progress(0.02, 1, "Taking a safety backup of " + plan.targetDatabase());
                BackupEntry safety = new BackupService(store, tools).create(new BackupRequest(req.target(),
                                "Safety copy before restoring " + entry.effectiveId() + " (" + opId + ")",
                                List.of("pre-restore"), false, true),
                        (d, t, m) -> progress.progress(0.02 + 0.3 * (t > 0 && d >= 0 ? d / t : 0), 1, "Safety backup: " + m),
                        cancel);
                safetyId = safety.id();
                loaded = loader.restoreInPlace(req, plan, entry, sel, created, progress, cancel);
                if (sel == null) {
                    roles.applyRoleSettings(req.target(), entry, plan.targetDatabase());
                }
            } else {
                if (!early.started()) {
                    intent.database(req.target(), plan.workingDatabase());
                }
                loaded = beside != null ? beside.join()
                        : loader.createAndLoad(req, plan, entry, sel, gate, link, early, created, progress, cancel);
                link.close(); // its own session, before a swap that may rename the maintenance database itself
                if (plan.mode() == RestoreMode.REPLACE) {
                    intent.swap(req.target(), plan.targetDatabase(), plan.workingDatabase(), plan.rollbackDatabase(),
                            entry.effectiveId(), plan.mode().label());
                    RollbackPoints.swap(req.target(), plan.targetDatabase(), plan.workingDatabase(), plan.rollbackDatabase());
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            String restored = plan.mode() == RestoreMode.NEW ? plan.workingDatabase() : plan.targetDatabase();
            // a selective restore says so: its duration is not that of restoring the backup (RestoreEstimate)
            operations.append(new OperationRecord(opId, OperationRecord.RESTORE, entry.effectiveId(), serverOf(req.target()),
                    restored, plan.mode().label() + (req.selective() ? ", selected objects" : ""), started.toString(),
                    OffsetDateTime.now().toString(),
                    OperationRecord.SUCCEEDED, "Restored " + entry.effectiveId() + " into " + restored, plan.rollbackDatabase(),
                    safetyId, null, round(seconds), null, null));
            progress.progress(1, 1, "Restore complete: " + restored);
            LOG.info("Restore {} complete in {}", opId, Sizes.seconds(seconds));
            List<String> warnings = new ArrayList<>(loaded.warnings());
            if (!created.isEmpty()) {
                warnings.add("Created the role(s) " + String.join(", ", created) + " without passwords: set one "
                        + "before they log in.");
            }
            return new RestoreResult(opId, plan, restored, plan.rollbackDatabase(), safetyId, round(seconds), loaded.checks(),
                    List.copyOf(warnings), loaded.countedWhileLoading());
        } catch (RuntimeException e) {
            RestoreRoles.dropCreatedRoles(req.target(), created);
            String message = e instanceof LifeboatException le ? le.getMessage() : e.toString();
            operations.append(new OperationRecord(opId, OperationRecord.RESTORE, entry.effectiveId(), serverOf(req.target()),
                    plan.targetDatabase(), plan.mode().label(), started.toString(), OffsetDateTime.now().toString(),
                    OperationRecord.FAILED, message, null, safetyId, null, round((System.nanoTime() - t0) / 1e9), null, null));
            throw e;
        } finally {
            if (sel != null) {
                SafeFiles.deleteQuietly(sel.listFile());
            }
            archives.discardPlaintexts();
            intent.end();
        }
    }

    private static void abandon(LoadBesidePlan beside) {
        if (beside != null) {
            beside.abandon();
        }
    }

    /** The new database a request names (a restore into a new database, asked for as such), else null. */
    static String newDatabaseAskedFor(RestoreRequest req) {
        if (req.mode() != RestoreMode.NEW || req.target() == null) {
            return null;
        }
        return req.newName() != null ? req.newName() : req.target().database();
    }

    private static String serverOf(ConnectionSpec spec) {
        return spec.withDatabase("postgres").toConninfo();
    }

    private static double round(double s) {
        return Math.round(s * 100) / 100.0;
    }
}
