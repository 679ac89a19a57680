package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveRestorer;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.archive.CommitGate;
import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.archive.TransactionalRestore;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.util.Futures;
import dev.lifeboat.core.util.LogContext;
import dev.lifeboat.core.verify.RowCountCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Loads an archive for a restore and checks it by counting rows: into a database of its own (the
 * working copy of a replace, or the new database), or in place in one transaction.
 */
final class RestoreLoader {
    /** Logged under RestoreService's name, as before this class was split from it. */
    private static final Logger LOG = LoggerFactory.getLogger(RestoreService.class);

    private final ManifestStore store;
    private final PgToolLocator tools;
    private final RestoreArchives archives;
    private final RestoreRoles roles;

    RestoreLoader(ManifestStore store, PgToolLocator tools, RestoreArchives archives, RestoreRoles roles) {
        this.store = store;
        this.tools = tools;
        this.archives = archives;
        this.roles = roles;
    }

    /** What a selective restore takes from the archive, and its -L list file; null for a whole restore. */
    record Selection(ArchiveSelection chosen, Path listFile) {
    }

    /** Reads the archive's TOC once and writes the -L list beside the manifest; null for a whole restore. */
    Selection selection(RestoreRequest req, RestoreMode mode, BackupEntry entry, CancelToken cancel) {
        if (!req.selective()) {
            return null;
        }
        ArchiveToc toc = archives.toc(archives.archiveOf(entry, cancel), cancel);
        ArchiveSelection chosen;
        try {
            chosen = ArchiveSelection.forRequest(toc, req, mode);
        } catch (SQLException e) {
            throw Pg.failure(ErrorCode.RESTORE_FAILED, "Cannot read what the target holds", e);
        }
        if (!chosen.blocking().isEmpty()) {
            throw new LifeboatException(ErrorCode.RESTORE_REFUSED, "The restore was refused and nothing was changed: "
                    + RestorePlanner.blockingMessage(chosen));
        }
        chosen.notes().forEach(n -> LOG.info("{}", n));
        try {
            Path list = Files.createTempFile(store.folder(), ".lifeboat-list-", ".txt");
            Files.writeString(list, chosen.listFile(), StandardCharsets.UTF_8);
            return new Selection(chosen, list);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot write the restore list: " + e.getMessage(), e);
        }
    }

    /**
     * What loading the archive left: the row checks, warnings for the errors it tolerated, and
     * whether the server counted the rows as it loaded them (else they were counted afterwards).
     */
    record Loaded(List<TableCheck> checks, List<String> warnings, boolean countedWhileLoading) {
        Loaded(List<TableCheck> checks, List<String> warnings) {
            this(checks, warnings, false);
        }
    }

    /** In place the script runs through psql in one transaction of Lifeboat's own; pg_restore only writes it. */
    private static final RestoreStrategy SCRIPT = new RestoreStrategy(RestoreStrategy.Kind.PARALLEL, 1, 0,
            "in place: one transaction through psql");

    private ArchiveRestorer.Options options(RestoreRequest req, Selection sel, RestoreStrategy strategy) {
        return new ArchiveRestorer.Options(strategy, req.noOwner(), req.noPrivileges(), sel == null ? null : sel.listFile(),
                req.dataOnly());
    }

    /**
     * Restores into a database of its own (the working copy, or the new database) and checks it.
     *
     * @param gate  the backup's SHA-256 check, running beside the load: nothing commits unless it
     *              matched, and if it did not the restore is refused as preflight would have refused it
     * @param early the journal's intent and CREATE DATABASE, when the plan started them (else created here)
     */
    Loaded createAndLoad(RestoreRequest req, RestorePlan plan, BackupEntry entry, Selection sel, CommitGate gate,
                         MaintenanceConnection link, EarlyCreate early, List<String> created, ProgressListener progress,
                         CancelToken cancel) {
        return createAndLoad(req, plan.workingDatabase(), plan.strategy(), plan.missingRoles(), entry, sel, gate, link,
                early, created, progress, cancel);
    }

    /** As above, with what it takes from the plan given on its own (a load beside the plan: LoadBesidePlan). */
    Loaded createAndLoad(RestoreRequest req, String db, RestoreStrategy strategy, List<String> missingRoles,
                         BackupEntry entry, Selection sel, CommitGate gate, MaintenanceConnection link, EarlyCreate early,
                         List<String> created, ProgressListener progress, CancelToken cancel) {
        ConnectionSpec server = req.target();
        boolean createdHere = false;
        try {
            if (early.started()) {
                early.awaitCreated(); // begun while the plan was finished and printed
            } else {
                Databases.create(link.get(), db, null);
            }
            // the plan's connection, kept open for the database's settings after the load: two connections fewer
            Connection maintenance = link.get();
            createdHere = true; // a database of that name made by someone else since preflight is never dropped
            if (req.createMissingRoles()) {
                roles.createRoles(maintenance, entry, missingRoles, created);
            }
            ArchiveRestorer.Outcome r = new ArchiveRestorer(tools).restore(archives.archiveOf(entry, cancel),
                    BackupFormat.fromLabel(entry.format()), server.withDatabase(db),
                    options(req, sel, strategy).withGate(gate),
                    entry.tables(), (d, t, m) -> progress.progress(0.05 + 0.8 * d, 1, m), cancel);
            cancel.throwIfCancelled("The restore"); // a cancel also stops the hash: it is reported as a cancel
            String refused = gate.awaitRefusal();
            if (refused != null) {
                if (!LoadBesidePlan.NOT_ALLOWED.equals(refused)) { // a refused plan has said why already
                    LOG.warn("The backup's check failed while it was restored; nothing was committed and {} is dropped", db);
                }
                throw RestoreService.refused(List.of(PlanProblem.of(refused)));
            }
            if (!r.ok()) {
                throw new LifeboatException(ErrorCode.RESTORE_FAILED, "pg_restore reported errors, so the restore stopped. "
                        + "The target was not touched and " + db + " was removed.\n" + r.summary());
            }
            r.warnings().forEach(w -> LOG.warn("{}", w));
            progress.progress(0.87, 1, r.loadedRows() != null ? "Comparing the rows the server counted as it loaded them"
                    : "Counting rows in " + db);
            // The settings go on through the maintenance database while the rows are counted in db.
            Connection forSettings = maintenance;
            CompletableFuture<Void> settings = req.selective() ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(LogContext.carried(() -> {
                        applySettings(forSettings, server, entry, db);
                        return null;
                    }), r2 -> new Thread(r2, "restore-settings").start());
            List<TableCheck> checks;
            try {
                checks = checkCounts(server.withDatabase(db), entry, sel, r.loadedRows(), r.tables(), cancel);
            } catch (SQLException | RuntimeException e) {
                settings.exceptionally(t -> null).join(); // before db is dropped: the settings lock it
                throw e;
            }
            awaitSettings(settings);
            cancel.throwIfCancelled("The restore");
            return new Loaded(checks, r.warnings(), r.loadedRows() != null);
        } catch (SQLException e) {
            if (createdHere) {
                Databases.dropQuietly(server, db);
            }
            throw Pg.failure(ErrorCode.RESTORE_FAILED, "The restore into " + db + " failed; the target was not touched", e);
        } catch (RuntimeException e) {
            if (createdHere) {
                Databases.dropQuietly(server, db);
            }
            throw e;
        }
    }

    /**
     * On the connection that created the database, used by no other thread meanwhile; on a new one
     * when the server or the network closed it while idle through a long load (idle_session_timeout).
     */
    private void applySettings(Connection maintenance, ConnectionSpec server, BackupEntry entry, String db) {
        try {
            if (maintenance.isValid(10)) {
                DatabaseSettingsApplier.apply(maintenance, db, entry.databaseSettings());
                roles.applyRoleSettings(maintenance, entry, db);
                return;
            }
            LOG.info("The maintenance connection closed during the load; the settings go through a new one");
            try (Connection c = Databases.maintenance(server)) {
                DatabaseSettingsApplier.apply(c, db, entry.databaseSettings());
            }
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
        roles.applyRoleSettings(server, entry, db);
    }

    /** Waits for the settings; their failure (an SQLException, as before) fails the restore. */
    private static void awaitSettings(CompletableFuture<Void> settings) throws SQLException {
        Futures.joinSql(settings); // not interruptible: a few statements, done before db may be dropped
    }

    /**
     * @param loaded the rows the server counted as it loaded them, or null: each table is counted
     * @param tables the restored tables as the load's own session listed them, or null: asked on a connection
     */
    private List<TableCheck> checkCounts(ConnectionSpec restored, BackupEntry entry, Selection sel,
                                         List<TableStat> loaded, List<String[]> tables, CancelToken cancel)
            throws SQLException {
        if (entry.tables() == null) {
            return List.of();
        }
        List<TableStat> expected = entry.tables();
        if (sel != null) {
            expected = sel.chosen().expectedRows(expected);
        }
        List<TableCheck> checks = RowCountCheck.compare(expected, loaded, tables, () -> Pg.connect(restored),
                "estimated".equals(entry.rowCountMethod()), cancel);
        List<TableCheck> bad = checks.stream().filter(t -> t.status() == CheckStatus.FAIL).toList();
        if (!bad.isEmpty()) {
            throw new LifeboatException(ErrorCode.RESTORE_FAILED, "The restored rows differ from the manifest: "
                    + RowCountCheck.summarize(checks, "Row counts").detail());
        }
        return checks;
    }

    /**
     * In place, in one transaction: clear what the archive recreates (decision 006), then run the
     * archive's script; any error that is not a tolerated one rolls back everything.
     */
    Loaded restoreInPlace(RestoreRequest req, RestorePlan plan, BackupEntry entry, Selection sel,
                                  List<String> created, ProgressListener progress, CancelToken cancel) {
        try {
            try (Connection c = Databases.maintenance(req.target())) {
                if (req.createMissingRoles()) {
                    roles.createRoles(c, entry, plan.missingRoles(), created);
                }
                if (req.terminateSessions()) {
                    Databases.terminateSessions(c, plan.targetDatabase());
                }
            }
            if (BackupFormat.fromLabel(entry.format()) != BackupFormat.CUSTOM) {
                return inPlaceScript(req, plan, entry, progress, cancel);
            }
            TargetObjects.Wrapping wrap;
            if (sel == null) {
                wrap = new TargetObjects.Wrapping(TargetClearing.wholeDatabase(archives.toc(archives.archiveOf(entry, cancel), cancel)), "");
            } else if (req.dataOnly()) {
                try (Connection c = Pg.connect(req.target())) {
                    wrap = TargetObjects.dataOnly(c, sel.chosen().tablesWithDataNames());
                }
            } else {
                wrap = new TargetObjects.Wrapping(sel.chosen().clearingSql(), "");
            }
            ArchiveRestorer.Outcome r = new TransactionalRestore(tools).restore(archives.archiveOf(entry, cancel), req.target(),
                    wrap.before(), wrap.after(), options(req, sel, SCRIPT), entry.tables(),
                    (d, t, m) -> progress.progress(0.35 + 0.55 * d, 1, m), cancel);
            if (!r.ok()) {
                throw new LifeboatException(ErrorCode.RESTORE_FAILED, "The restore failed and was rolled back as a whole: "
                        + plan.targetDatabase() + " is as it was.\n" + r.summary());
            }
            r.warnings().forEach(w -> LOG.warn("{}", w));
            progress.progress(0.92, 1, "Counting rows in " + plan.targetDatabase());
            return new Loaded(checkCounts(req.target(), entry, sel, null, null, cancel), r.warnings());
        } catch (SQLException e) {
            throw Pg.failure(ErrorCode.RESTORE_FAILED, "The in-place restore failed", e);
        }
    }

    /** A plain SQL backup runs as it is, in one psql transaction: it says itself what it drops. */
    private Loaded inPlaceScript(RestoreRequest req, RestorePlan plan, BackupEntry entry, ProgressListener progress,
                                 CancelToken cancel) throws SQLException {
        ArchiveRestorer.Outcome r = new ArchiveRestorer(tools).restore(archives.archiveOf(entry, cancel),
                BackupFormat.fromLabel(entry.format()), req.target(), options(req, null, SCRIPT), entry.tables(),
                (d, t, m) -> progress.progress(0.35 + 0.55 * d, 1, m), cancel);
        if (!r.ok()) {
            throw new LifeboatException(ErrorCode.RESTORE_FAILED, "The restore failed and was rolled back as a whole: "
                    + plan.targetDatabase() + " is as it was.\n" + r.summary());
        }
        return new Loaded(checkCounts(req.target(), entry, null, null, null, cancel), List.of());
    }
}
