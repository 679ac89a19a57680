package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.archive.EarlyBackupRead;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.core.recovery.RecoveryService;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
     * shows, goes to {@code planned} before anything is committed (refused or not, which then throws as a
     * refusal), and the restore runs; the backup's SHA-256 is checked while pg_restore loads it. Into a new
     * database the CLI made before the plan, the load starts beside the plan ({@link LoadBesidePlan}).
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
            return new RestoreRun(store, tools, isProtected, hashes, archives, roles, loader, operations)
                    .planThenRestore(req, shown, preview, link, planned, progress, cancel);
        }
    }

    /** The backup's entry, read once per plan or restore (the one read while the command line was, if any). */
    static BackupEntry find(ManifestStore store, String id) {
        return EarlyBackupRead.find(store, id);
    }

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
        reopenInterrupted(store, req);
    }

    static void reopenInterrupted(ManifestStore store, RestoreRequest req) {
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

}
