package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.archive.CommitGate;
import dev.lifeboat.core.archive.EarlyBackupRead;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.recovery.RecoveryService;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.util.SafeFiles;
import dev.lifeboat.core.util.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Restores a backup without ever leaving the target broken or missing: a plan first (preflight
 * refuses with nothing changed), then replace-by-swap, a new database, or an in-place restore in one
 * transaction after a safety backup. Every restore is recorded in the operations log with its
 * rollback point.
 */
public final class RestoreService {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreService.class);
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private final ManifestStore store;
    private final PgToolLocator tools;
    private final OperationsLog operations;
    private final Predicate<ConnectionSpec> isProtected;
    private final CheckedHashes hashes = new CheckedHashes();
    private final RestoreArchives archives;
    private final RestoreRoles roles;
    private final RestoreLoader loader;
    private final RollbackPoints rollbackPoints;

    public RestoreService(ManifestStore store, PgToolLocator tools, Predicate<ConnectionSpec> isProtected) {
        this(store, tools, isProtected, UnaryOperator.identity(), null);
    }

    /**
     * @param credentials gives a server named in the operations log (which never holds a password)
     *                    the password the caller knows for it, for rollback and discard
     */
    public RestoreService(ManifestStore store, PgToolLocator tools, Predicate<ConnectionSpec> isProtected,
                          UnaryOperator<ConnectionSpec> credentials) {
        this(store, tools, isProtected, credentials, null);
    }

    /** @param identity the age identity file that opens encrypted backups (null: none) */
    public RestoreService(ManifestStore store, PgToolLocator tools, Predicate<ConnectionSpec> isProtected, Path identity) {
        this(store, tools, isProtected, UnaryOperator.identity(), identity);
    }

    public RestoreService(ManifestStore store, PgToolLocator tools, Predicate<ConnectionSpec> isProtected,
                          UnaryOperator<ConnectionSpec> credentials, Path identity) {
        this.store = store;
        this.tools = tools;
        this.operations = new OperationsLog(store.folder());
        this.isProtected = isProtected;
        this.archives = new RestoreArchives(store, tools, identity);
        this.roles = new RestoreRoles(store, archives, identity);
        this.loader = new RestoreLoader(store, tools, archives, roles);
        this.rollbackPoints = new RollbackPoints(operations, credentials);
    }

    public OperationsLog operations() {
        return operations;
    }

    // ---------------------------------------------------------------- plan

    /** The full plan a person reads before agreeing: preflight, steps, estimate and what will change. */
    public RestorePlan plan(RestoreRequest req, CancelToken cancel) {
        return plan(req, cancel, RestorePreflight.HashCheck.NOW);
    }

    /**
     * The plan of a restore that runs at once, with nobody to agree to it first (the CLI's --yes):
     * the backup's SHA-256 is left to the restore, which checks it while pg_restore runs and commits
     * nothing unless it matched. Its other checks are the plan's.
     */
    public RestorePlan planToRunNow(RestoreRequest req, CancelToken cancel) {
        return plan(req, cancel, RestorePreflight.HashCheck.BY_THE_RESTORE);
    }

    private RestorePlan plan(RestoreRequest req, CancelToken cancel, RestorePreflight.HashCheck hashCheck) {
        reopenInterrupted(req);
        try {
            BackupEntry entry = find(req.backupId());
            return new RestorePlanner(store, tools, isProtected, req, cancel, archives.tocReader(entry, !req.selective()), true, null,
                    hashes, entry, null).hashCheck(hashCheck).build();
        } finally {
            archives.discardPlaintexts();
        }
    }

    // ---------------------------------------------------------------- restore

    public RestoreResult restore(RestoreRequest req, ProgressListener progress, CancelToken cancel) {
        return restore(req, null, progress, cancel);
    }

    /**
     * Runs a restore the person agreed to from {@code shown} (null: none shown): the working and
     * rollback databases get the names that plan showed, not names of a second later.
     */
    public RestoreResult restore(RestoreRequest req, RestorePlan shown, ProgressListener progress, CancelToken cancel) {
        return restore(req, shown, false, (Connection) null, p -> { }, progress, cancel);
    }

    /**
     * A restore nobody agrees to first (the CLI's --yes), planned once: the plan, with what {@link #plan}
     * shows, goes to {@code planned} before anything changes (refused or not, which then throws as a
     * refusal), and the restore runs; the backup's SHA-256 is checked while pg_restore loads it.
     */
    public RestoreResult planAndRestore(RestoreRequest req, Consumer<RestorePlan> planned, ProgressListener progress,
                                        CancelToken cancel) {
        return planAndRestore(req, null, planned, progress, cancel);
    }

    /**
     * As {@link #planAndRestore(RestoreRequest, Consumer, ProgressListener, CancelToken)}, on the caller's
     * open connection to the target server's maintenance database (postgres, as its user; the CLI's
     * password check opens it while the command line is read), which the plan's checks, {@code CREATE
     * DATABASE} and the settings use instead of opening their own. It stays the caller's to close; not
     * for a target that is that database itself (the session would stop its replacement).
     */
    public RestoreResult planAndRestore(RestoreRequest req, Connection maintenance, Consumer<RestorePlan> planned,
                                        ProgressListener progress, CancelToken cancel) {
        return restore(req, null, true, maintenance, planned, progress, cancel);
    }

    private RestoreResult restore(RestoreRequest req, RestorePlan shown, boolean preview, Connection maintenance,
                                  Consumer<RestorePlan> planned, ProgressListener progress, CancelToken cancel) {
        try (MaintenanceConnection link = new MaintenanceConnection(req.target(), maintenance)) {
            return planThenRestore(req, shown, preview, link, planned, progress, cancel);
        }
    }

    private RestoreResult planThenRestore(RestoreRequest req, RestorePlan shown, boolean preview, MaintenanceConnection link,
                                  Consumer<RestorePlan> planned, ProgressListener progress, CancelToken cancel) {
        progress.progress(0, 1, "Checking the backup and the target");
        reopenInterrupted(req);
        BackupEntry entry = find(req.backupId());
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
            throw refused(plan.refusals());
        }
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        long t0 = System.nanoTime();
        LOG.info("Restore {} of {} into {} ({}), operation {}", plan.mode().label(), entry.effectiveId(),
                plan.targetDatabase(), plan.server(), opId);
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

    /** The backup's entry, read once per plan or restore (the one read while the command line was, if any). */
    private BackupEntry find(String id) {
        return EarlyBackupRead.find(store, id);
    }

    /** What a restore refused says: the same before anything was done and after what it did was undone. */
    static LifeboatException refused(List<PlanProblem> problems) {
        Remedy remedy = problems.stream().map(PlanProblem::remedy).filter(r -> r != Remedy.NONE)
                .findFirst().orElse(Remedy.NONE);
        return new LifeboatException(ErrorCode.RESTORE_REFUSED, "The restore was refused and nothing was changed:\n- "
                + String.join("\n- ", problems.stream().map(PlanProblem::message).toList()), remedy, null);
    }

    /** A target an interrupted swap left refusing connections is opened again before anything else. */
    private void reopenInterrupted(RestoreRequest req) {
        if (req.target() != null && req.target().database() != null) {
            ConnectionSpec given = req.target();
            new RecoveryService(store, s -> given.password().map(s::withPassword).orElse(s))
                    .reopenInterrupted(given, given.database());
        }
    }

    // ---------------------------------------------------------------- rollback, discard, history

    public OperationRecord rollback(String operationId) {
        return rollbackPoints.rollback(operationId);
    }

    public OperationRecord discard(String operationId) {
        return rollbackPoints.discard(operationId);
    }

    public List<OperationRecord> history() {
        List<OperationRecord> all = new ArrayList<>(operations.all());
        all.sort(Comparator.comparing(OperationRecord::started).reversed());
        return all;
    }

    private static String serverOf(ConnectionSpec spec) {
        return spec.withDatabase("postgres").toConninfo();
    }

    private static double round(double s) {
        return Math.round(s * 100) / 100.0;
    }

}
