package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.archive.CommitGate;
import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.core.pg.Catalog;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ServerInfo;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Computes a {@link RestorePlan}: everything is read, nothing is changed. Preflight problems are
 * collected, not thrown ({@link RestorePreflight}), so the plan can show all of them at once.
 */
final class RestorePlanner {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");
    private static final long EXACT_COUNT_LIMIT = 2L << 30;

    private final ManifestStore store;
    private final PgToolLocator tools;
    private final Predicate<ConnectionSpec> isProtected;
    private final RestoreRequest req;
    private final CancelToken cancel;
    private final boolean preview;
    private final RestoreSteps stepsText;
    private final BackupEntry entry;
    private final RestorePreflight preflight;
    private RestorePreflight.HashCheck hashCheck = RestorePreflight.HashCheck.NOW;
    private CommitGate gate = CommitGate.open();
    /** The restore's connection to the server's maintenance database, or null: the plan opens its own. */
    private final MaintenanceConnection given;
    /** Told the database a restore will create once the server's checks found nothing to refuse. */
    private Consumer<String> checkedForCreate = working -> { };
    /** Whether the restore itself made a database of that name before planning (EarlyCreate.beforePlan). */
    private Predicate<String> madeBefore = name -> false;

    /**
     * With {@code preview} the plan also shows what will differ (row counts now and in the backup,
     * migration versions); without it only what preflight needs is read, as when the restore starts.
     */
    RestorePlanner(ManifestStore store, PgToolLocator tools, Predicate<ConnectionSpec> isProtected, RestoreRequest req,
                   CancelToken cancel, BiFunction<Path, CancelToken, ArchiveToc> tocReader, boolean preview) {
        this(store, tools, isProtected, req, cancel, tocReader, preview, null, new CheckedHashes(),
                store.find(req.backupId()), null);
    }

    /**
     * With {@code shown}, the plan the person agreed to: its working and rollback names are kept
     * when it planned the same mode into the same database, so the name they read is the one used.
     */
    RestorePlanner(ManifestStore store, PgToolLocator tools, Predicate<ConnectionSpec> isProtected, RestoreRequest req,
                   CancelToken cancel, BiFunction<Path, CancelToken, ArchiveToc> tocReader, boolean preview,
                   RestorePlan shown, CheckedHashes hashes, BackupEntry entry, MaintenanceConnection given) {
        this.stepsText = new RestoreSteps(req, shown, entry.tables());
        this.preview = preview;
        this.store = store;
        this.tools = tools;
        this.isProtected = isProtected;
        this.req = req;
        this.cancel = cancel;
        this.entry = entry; // found once per plan or restore: 2,000 tables' entry is 40 ms of a cold JVM's parse
        this.given = given;
        this.preflight = new RestorePreflight(store, tools, req, cancel, tocReader, hashes, entry);
    }

    /** When the backup's SHA-256 is checked: in the plan (the default), beside the restore, or not here. */
    RestorePlanner hashCheck(RestorePreflight.HashCheck when) {
        this.hashCheck = when;
        return this;
    }

    /**
     * {@code hook} is given the database the restore will create (a new one, or a replace's working copy)
     * once the plan's checks on the server found nothing to refuse, before the estimate: the restore starts
     * its journal and {@code CREATE DATABASE} there, on the given connection, which the plan no longer uses.
     */
    RestorePlanner whenCheckedForCreate(Consumer<String> hook) {
        this.checkedForCreate = hook;
        return this;
    }

    /** The database this restore made before planning is its own, not one that is taken. */
    RestorePlanner madeBefore(Predicate<String> made) {
        this.madeBefore = made;
        return this;
    }

    /** After {@link #build}: the SHA-256 check still running beside the restore, or an open gate. */
    CommitGate gate() {
        return gate;
    }

    RestorePlan build() {
        Path file = store.fileOf(entry);
        BackupFormat format = BackupFormat.fromLabel(entry.format());
        preflight.checkFile(file, hashCheck);
        preflight.checkTools(format);
        String target = req.target().database();
        String server = req.target().host() + ":" + req.target().port();
        String stamp = LocalDateTime.now().format(STAMP);
        RestoreMode mode = req.mode();
        boolean exists = false;
        int sessions = 0;
        List<TableDiff> diffs = List.of();
        String countsMethod = null;
        String migrationNow = null;
        List<String> missingRoles = List.of();
        String working = null;
        String rollback = null;
        long lockSlots = 0;
        String unwritable = new OperationsLog(store.folder()).unwritableReason();
        if (unwritable != null) {
            preflight.refuse("The operations log cannot be written (" + unwritable + "): a restore records its "
                    + "rollback point there, so none is started. Make the backup folder writable, or copy the backup "
                    + "into a writable folder and restore from there.");
        }
        try (MaintenanceConnection own = new MaintenanceConnection(req.target(), null)) {
            // the restore's (kept for CREATE DATABASE and the settings), else the plan's own
            Connection c = given != null ? given.get() : own.get();
            ServerInfo info = Pg.serverInfo(c);
            lockSlots = RestoreStrategy.lockSlots(c);
            exists = Databases.exists(c, target);
            if (mode == null) {
                mode = !exists ? RestoreMode.NEW : req.selective() ? RestoreMode.IN_PLACE : RestoreMode.REPLACE;
            }
            working = stepsText.names(mode, target, stamp)[0];
            rollback = stepsText.names(mode, target, stamp)[1];
            preflight.checkMode(c, info, mode, exists, target, working, madeBefore.test(working));
            if (exists && mode != RestoreMode.NEW) {
                sessions = Databases.otherSessions(c, target);
                if (sessions > 0 && !req.terminateSessions()) {
                    preflight.refuse(sessions + " other session(s) are connected to " + target + ". The restore must "
                            + "end them: agree to that, or close them first.", Remedy.TERMINATE_SESSIONS);
                }
                if (isProtected.test(req.target()) && !target.equals(req.confirmName())) {
                    preflight.refuse(target + " is a protected database: confirm by typing its exact name, "
                            + target + ".", Remedy.TYPE_CONFIRMATION);
                }
            }
            missingRoles = preflight.missingRoles(c, file, format, mode);
            preflight.checkSpace(c, mode);
            if (given != null && mode != RestoreMode.IN_PLACE && preflight.problems().isEmpty()) {
                checkedForCreate.accept(working); // the plan's last use of c: what follows reads no server
            }
            // What will change in the target now: nothing, for a restore into a new database.
            if (exists && preview && mode != RestoreMode.NEW) {
                try (Connection t = Pg.connect(req.target())) {
                    boolean exact = Pg.serverInfo(t).databaseSize() < EXACT_COUNT_LIMIT;
                    countsMethod = exact ? "exact" : "estimated";
                    diffs = new PlanPreview(entry, cancel).diffs(t, exact);
                    migrationNow = PlanPreview.versionOf(Catalog.migration(t));
                }
            }
        } catch (LifeboatException e) {
            if (e.code() == ErrorCode.CANCELLED) {
                throw e;
            }
            preflight.refuse(e.getMessage(), e.remedy());
        } catch (SQLException e) {
            preflight.refuse("Cannot inspect " + server + ": " + e.getMessage());
        }
        if (mode == null) {
            mode = RestoreMode.REPLACE;
        }
        gate = preflight.gate(mode);
        if (!preflight.problems().isEmpty()) {
            // a refused restore names every problem, the file's hash among them, as when it was checked first
            String refused = gate.awaitRefusal();
            if (refused != null) {
                preflight.refuse(refused);
            }
            gate = CommitGate.open();
        }
        if (working == null) {
            // The server could not be read: still name what the restore would create, never "null".
            working = stepsText.names(mode, target, stamp)[0];
            rollback = stepsText.names(mode, target, stamp)[1];
        }
        RestoreStrategy strategy = RestoreStrategy.forBackup(entry, tools, req.jobs(), lockSlots);
        // The restore itself replans only to preflight again: it does not read other backups for an estimate.
        RestoreEstimate estimate = RestoreEstimate.of(entry, strategy,
                () -> preview ? store.newest(RestoreEstimate.RECENT) : List.of(),
                () -> preview ? new OperationsLog(store.folder()).all() : List.of());
        double seconds = estimate.seconds() + (mode == RestoreMode.IN_PLACE && entry.durationSeconds() != null
                ? entry.durationSeconds() : 0);
        return new RestorePlan(entry.effectiveId(), entry.file(), server, target, mode, exists,
                isProtected.test(req.target()), working, rollback,
                withNotes(stepsText.steps(mode, target, working, rollback, strategy)), Math.round(seconds * 10) / 10.0,
                estimate.basis(), diffs, countsMethod, migrationNow, PlanPreview.versionOf(entry.migration()), sessions,
                missingRoles, preflight.problems(), preflight.warnings(), strategy);
    }

    /** Says precisely what in the target depends on a table to be recreated and is not in the backup. */
    static String blockingMessage(ArchiveSelection sel) {
        return "In the target, " + String.join("; ", sel.blocking().stream().map(TargetObjects.Dependent::label).toList())
                + (sel.blocking().size() == 1 ? " depends" : " depend") + " on a table to be recreated and "
                + (sel.blocking().size() == 1 ? "is" : "are") + " not in the backup, so "
                + (sel.blocking().size() == 1 ? "it" : "they") + " could not be put back. Restore the rows only "
                + "(data only), select the tables they are on as well, drop them first, or restore into a new database.";
    }

    /** The steps, then what a selective restore brings beyond the tables asked for, and why. */
    private List<String> withNotes(List<String> steps) {
        List<String> all = new ArrayList<>(steps);
        all.addAll(preflight.notes());
        return List.copyOf(all);
    }
}
