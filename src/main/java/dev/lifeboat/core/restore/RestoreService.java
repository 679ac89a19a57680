package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.crypto.AgeFiles;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.archive.ArchiveInspector;
import dev.lifeboat.core.archive.ArchiveRestorer;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.archive.TransactionalRestore;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.recovery.RecoveryService;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.util.LogContext;
import dev.lifeboat.core.util.Sizes;
import dev.lifeboat.core.verify.RowCountCheck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
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
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private final ManifestStore store;
    private final PgToolLocator tools;
    private final OperationsLog operations;
    private final Predicate<ConnectionSpec> isProtected;
    private final Map<String, ArchiveToc> tocs = new ConcurrentHashMap<>();
    private final CheckedHashes hashes = new CheckedHashes();
    private final UnaryOperator<ConnectionSpec> credentials;
    private final Path identity;
    /** Encrypted backups decrypted for this plan or restore; removed when it ends. */
    private final Map<String, Path> plaintexts = new ConcurrentHashMap<>();

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
        this.credentials = credentials;
        this.identity = identity;
    }

    /** The archive pg_restore reads: the file itself, or for an encrypted backup its private decrypted copy. */
    private Path archiveOf(BackupEntry entry, CancelToken cancel) {
        if (!entry.isEncrypted()) {
            return store.fileOf(entry);
        }
        return plaintexts.computeIfAbsent(entry.effectiveId(),
                id -> AgeFiles.decryptToTemporary(entry, store.fileOf(entry), identity, cancel));
    }

    private void discardPlaintexts() {
        plaintexts.values().forEach(AgeFiles::deleteQuietly);
        plaintexts.clear();
    }

    /** The planner's table-of-contents reader, which reads the decrypted copy of an encrypted backup. */
    private java.util.function.BiFunction<Path, CancelToken, ArchiveToc> tocReader(String backupId) {
        return (file, cancel) -> {
            BackupEntry entry = store.find(backupId);
            return toc(entry.isEncrypted() ? archiveOf(entry, cancel) : file, cancel);
        };
    }

    public OperationsLog operations() {
        return operations;
    }

    // ---------------------------------------------------------------- plan

    /** The full plan a person reads before agreeing: preflight, steps, estimate and what will change. */
    public RestorePlan plan(RestoreRequest req, CancelToken cancel) {
        reopenInterrupted(req);
        try {
            return new RestorePlanner(store, tools, isProtected, req, cancel, tocReader(req.backupId()), true, null,
                    hashes).build();
        } finally {
            discardPlaintexts();
        }
    }

    /**
     * An archive's table of contents, read by pg_restore once per file version: the plan, its
     * preflight again at restore time and a selective restore's list all need it.
     */
    private ArchiveToc toc(Path file, CancelToken cancel) {
        String key;
        try {
            key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            key = null;
        }
        ArchiveToc cached = key == null ? null : tocs.get(key);
        if (cached != null) {
            return cached;
        }
        // exact names, and the dependencies that say what a selected table brings
        ArchiveToc toc = ArchiveInspector.withExactEntries(
                new ArchiveInspector(tools.require(PgTool.PG_RESTORE, 0)).list(file, cancel), file);
        if (key != null) {
            if (tocs.size() >= 8) {
                tocs.clear(); // the app keeps one service open for a long time: a few recent archives suffice
            }
            tocs.put(key, toc);
        }
        return toc;
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
        progress.progress(0, 1, "Checking the backup and the target");
        reopenInterrupted(req);
        // Preflight again, as the target may have changed since the plan was shown; the preview of
        // what will differ is not computed twice.
        RestorePlan plan;
        try {
            plan = new RestorePlanner(store, tools, isProtected, req, cancel, tocReader(req.backupId()), false, shown,
                    hashes).build();
        } catch (RuntimeException e) {
            discardPlaintexts();
            throw e;
        }
        if (!plan.allowed()) {
            discardPlaintexts();
            Remedy remedy = plan.refusals().stream().map(PlanProblem::remedy).filter(r -> r != Remedy.NONE)
                    .findFirst().orElse(Remedy.NONE);
            throw new LifeboatException(ErrorCode.RESTORE_REFUSED, "The restore was refused and nothing was changed:\n- "
                    + String.join("\n- ", plan.problems()), remedy, null);
        }
        BackupEntry entry = store.find(req.backupId());
        String opId = "op_" + LocalDateTime.now().format(STAMP) + "_" + UUID.randomUUID().toString().substring(0, 4);
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        long t0 = System.nanoTime();
        LOG.info("Restore {} of {} into {} ({}), operation {}", plan.mode().label(), entry.effectiveId(),
                plan.targetDatabase(), plan.server(), opId);
        Journal.Intent intent;
        try {
            intent = new Journal(store.folder()).begin(OperationRecord.RESTORE, opId);
        } catch (LifeboatException e) {
            throw new LifeboatException(ErrorCode.RESTORE_REFUSED, "The restore was refused and nothing was changed: "
                    + e.getMessage(), e);
        }
        String safetyId = null;
        Selection sel = null;
        List<String> created = new ArrayList<>();
        try {
            sel = selection(req, plan.mode(), entry, cancel);
            Loaded loaded;
            if (plan.mode() == RestoreMode.IN_PLACE) {
                progress.progress(0.02, 1, "Taking a safety backup of " + plan.targetDatabase());
                BackupEntry safety = new BackupService(store, tools).create(new BackupRequest(req.target(),
                                "Safety copy before restoring " + entry.effectiveId() + " (" + opId + ")",
                                List.of("pre-restore"), false, true),
                        (d, t, m) -> progress.progress(0.02 + 0.3 * (t > 0 && d >= 0 ? d / t : 0), 1, "Safety backup: " + m),
                        cancel);
                safetyId = safety.id();
                loaded = restoreInPlace(req, plan, entry, sel, created, progress, cancel);
                if (sel == null) {
                    applyRoleSettings(req.target(), entry, plan.targetDatabase());
                }
            } else {
                intent.database(req.target(), plan.workingDatabase());
                loaded = createAndLoad(req, plan, entry, sel, created, progress, cancel);
                if (plan.mode() == RestoreMode.REPLACE) {
                    intent.swap(req.target(), plan.targetDatabase(), plan.workingDatabase(), plan.rollbackDatabase(),
                            entry.effectiveId(), plan.mode().label());
                    swap(req.target(), plan.targetDatabase(), plan.workingDatabase(), plan.rollbackDatabase());
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
                    List.copyOf(warnings));
        } catch (RuntimeException e) {
            dropCreatedRoles(req.target(), created);
            String message = e instanceof LifeboatException le ? le.getMessage() : e.toString();
            operations.append(new OperationRecord(opId, OperationRecord.RESTORE, entry.effectiveId(), serverOf(req.target()),
                    plan.targetDatabase(), plan.mode().label(), started.toString(), OffsetDateTime.now().toString(),
                    OperationRecord.FAILED, message, null, safetyId, null, round((System.nanoTime() - t0) / 1e9), null, null));
            throw e;
        } finally {
            if (sel != null) {
                deleteQuietly(sel.listFile());
            }
            discardPlaintexts();
            intent.end();
        }
    }

    /** A target an interrupted swap left refusing connections is opened again before anything else. */
    private void reopenInterrupted(RestoreRequest req) {
        if (req.target() != null && req.target().database() != null) {
            ConnectionSpec given = req.target();
            new RecoveryService(store, s -> given.password().map(s::withPassword).orElse(s))
                    .reopenInterrupted(given, given.database());
        }
    }

    /** What loading the archive left: the row checks, and warnings for the errors it tolerated. */
    private record Loaded(List<TableCheck> checks, List<String> warnings) {
    }

    /** In place the script runs through psql in one transaction of Lifeboat's own; pg_restore only writes it. */
    private static final RestoreStrategy SCRIPT = new RestoreStrategy(RestoreStrategy.Kind.PARALLEL, 1, 0,
            "in place: one transaction through psql");

    private ArchiveRestorer.Options options(RestoreRequest req, Selection sel, RestoreStrategy strategy) {
        return new ArchiveRestorer.Options(strategy, req.noOwner(), req.noPrivileges(), sel == null ? null : sel.listFile(),
                req.dataOnly());
    }

    /** Restores into a database of its own (the working copy, or the new database) and checks it. */
    private Loaded createAndLoad(RestoreRequest req, RestorePlan plan, BackupEntry entry, Selection sel,
                                 List<String> created, ProgressListener progress, CancelToken cancel) {
        String db = plan.workingDatabase();
        ConnectionSpec server = req.target();
        try {
            try (Connection c = Databases.maintenance(server)) {
                Databases.create(c, db, null);
                if (req.createMissingRoles()) {
                    createRoles(c, entry, plan.missingRoles(), created);
                }
            }
            ArchiveRestorer.Outcome r = new ArchiveRestorer(tools).restore(archiveOf(entry, cancel),
                    BackupFormat.fromLabel(entry.format()), server.withDatabase(db), options(req, sel, plan.strategy()),
                    entry.tables(), (d, t, m) -> progress.progress(0.05 + 0.8 * d, 1, m), cancel);
            if (!r.ok()) {
                throw new LifeboatException(ErrorCode.RESTORE_FAILED, "pg_restore reported errors, so the restore stopped. "
                        + "The target was not touched and " + db + " was removed.\n" + r.summary());
            }
            r.warnings().forEach(w -> LOG.warn("{}", w));
            progress.progress(0.87, 1, "Counting rows in " + db);
            // The settings go on through the maintenance database while the rows are counted in db.
            CompletableFuture<Void> settings = req.selective() ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.supplyAsync(LogContext.carried(() -> {
                        applySettings(server, entry, db);
                        return null;
                    }), r2 -> new Thread(r2, "restore-settings").start());
            List<TableCheck> checks;
            try {
                checks = checkCounts(server.withDatabase(db), entry, sel, cancel);
            } catch (SQLException | RuntimeException e) {
                settings.exceptionally(t -> null).join(); // before db is dropped: the settings lock it
                throw e;
            }
            awaitSettings(settings);
            cancel.throwIfCancelled("The restore");
            return new Loaded(checks, r.warnings());
        } catch (SQLException e) {
            Databases.dropQuietly(server, db);
            throw Pg.failure(ErrorCode.RESTORE_FAILED, "The restore into " + db + " failed; the target was not touched", e);
        } catch (RuntimeException e) {
            Databases.dropQuietly(server, db);
            throw e;
        }
    }

    private void applySettings(ConnectionSpec server, BackupEntry entry, String db) {
        try (Connection c = Databases.maintenance(server)) {
            DatabaseSettingsApplier.apply(c, db, entry.databaseSettings());
        } catch (SQLException e) {
            throw new CompletionException(e);
        }
        applyRoleSettings(server, entry, db);
    }

    /** Waits for the settings; their failure (an SQLException, as before) fails the restore. */
    private static void awaitSettings(CompletableFuture<Void> settings) throws SQLException {
        try {
            settings.join(); // not interruptible: a few statements, done before db may be dropped
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private List<TableCheck> checkCounts(ConnectionSpec restored, BackupEntry entry, Selection sel,
                                         CancelToken cancel) throws SQLException {
        if (entry.tables() == null) {
            return List.of();
        }
        List<TableStat> expected = entry.tables();
        if (sel != null) {
            expected = sel.chosen().expectedRows(expected);
        }
        List<TableCheck> checks;
        try (Connection c = Pg.connect(restored)) {
            checks = RowCountCheck.compare(expected, c, "estimated".equals(entry.rowCountMethod()), cancel);
        }
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
    private Loaded restoreInPlace(RestoreRequest req, RestorePlan plan, BackupEntry entry, Selection sel,
                                  List<String> created, ProgressListener progress, CancelToken cancel) {
        try {
            try (Connection c = Databases.maintenance(req.target())) {
                if (req.createMissingRoles()) {
                    createRoles(c, entry, plan.missingRoles(), created);
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
                wrap = new TargetObjects.Wrapping(TargetClearing.wholeDatabase(toc(archiveOf(entry, cancel), cancel)), "");
            } else if (req.dataOnly()) {
                try (Connection c = Pg.connect(req.target())) {
                    wrap = TargetObjects.dataOnly(c, sel.chosen().tablesWithDataNames());
                }
            } else {
                wrap = new TargetObjects.Wrapping(sel.chosen().clearingSql(), "");
            }
            ArchiveRestorer.Outcome r = new TransactionalRestore(tools).restore(archiveOf(entry, cancel), req.target(),
                    wrap.before(), wrap.after(), options(req, sel, SCRIPT), entry.tables(),
                    (d, t, m) -> progress.progress(0.35 + 0.55 * d, 1, m), cancel);
            if (!r.ok()) {
                throw new LifeboatException(ErrorCode.RESTORE_FAILED, "The restore failed and was rolled back as a whole: "
                        + plan.targetDatabase() + " is as it was.\n" + r.summary());
            }
            r.warnings().forEach(w -> LOG.warn("{}", w));
            progress.progress(0.92, 1, "Counting rows in " + plan.targetDatabase());
            return new Loaded(checkCounts(req.target(), entry, sel, cancel), r.warnings());
        } catch (SQLException e) {
            throw Pg.failure(ErrorCode.RESTORE_FAILED, "The in-place restore failed", e);
        }
    }

    /** A plain SQL backup runs as it is, in one psql transaction: it says itself what it drops. */
    private Loaded inPlaceScript(RestoreRequest req, RestorePlan plan, BackupEntry entry, ProgressListener progress,
                                 CancelToken cancel) throws SQLException {
        ArchiveRestorer.Outcome r = new ArchiveRestorer(tools).restore(archiveOf(entry, cancel),
                BackupFormat.fromLabel(entry.format()), req.target(), options(req, null, SCRIPT), entry.tables(),
                (d, t, m) -> progress.progress(0.35 + 0.55 * d, 1, m), cancel);
        if (!r.ok()) {
            throw new LifeboatException(ErrorCode.RESTORE_FAILED, "The restore failed and was rolled back as a whole: "
                    + plan.targetDatabase() + " is as it was.\n" + r.summary());
        }
        return new Loaded(checkCounts(req.target(), entry, null, cancel), List.of());
    }

    /** What a selective restore takes from the archive, and its -L list file; null for a whole restore. */
    private record Selection(ArchiveSelection chosen, Path listFile) {
    }

    /** Reads the archive's TOC once and writes the -L list beside the manifest; null for a whole restore. */
    private Selection selection(RestoreRequest req, RestoreMode mode, BackupEntry entry, CancelToken cancel) {
        if (!req.selective()) {
            return null;
        }
        ArchiveToc toc = toc(archiveOf(entry, cancel), cancel);
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
     * Creates the missing roles from the saved globals, without passwords, with their memberships;
     * records them so that a failed restore drops them again.
     */
    private void createRoles(Connection c, BackupEntry entry, List<String> roles, List<String> created)
            throws SQLException {
        if (roles.isEmpty() || entry.globals() == null || entry.globals().file() == null) {
            return;
        }
        Path stored = store.rolesFileOf(entry);
        Path readable = entry.globals().file().endsWith(".age") ? AgeFiles.decryptToTemporary("roles file of backup "
                + entry.effectiveId(), entry.isEncrypted() ? entry.encryption().recipients() : List.of(), stored, identity,
                CancelToken.none()) : stored;
        try (Statement st = c.createStatement()) {
            for (String sql : RolesFromGlobals.statements(readable, roles)) {
                LOG.info("Creating missing role: {}", sql);
                st.execute(sql);
                if (sql.startsWith("CREATE ROLE ")) {
                    created.add(RolesFromGlobals.unquote(sql.substring("CREATE ROLE ".length(), sql.length() - 1)));
                }
            }
            for (String sql : RolesFromGlobals.memberships(readable, created, DatabaseSettingsApplier.roles(c))) {
                LOG.info("Restoring a role membership: {}", sql);
                st.execute(sql);
            }
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the saved roles: " + e.getMessage(), e);
        } finally {
            if (!readable.equals(stored)) {
                AgeFiles.deleteQuietly(readable);
            }
        }
        if (!created.isEmpty()) {
            LOG.warn("Created the role(s) {} without passwords: set one before they log in.", String.join(", ", created));
        }
    }

    /**
     * The per-database role settings (ALTER ROLE … IN DATABASE), which pg_dump keeps in the archive
     * and pg_restore runs only with --create, for the restored database.
     */
    private void applyRoleSettings(ConnectionSpec server, BackupEntry entry, String restored) {
        if (BackupFormat.fromLabel(entry.format()) != BackupFormat.CUSTOM) {
            return;
        }
        List<String> lines = ArchiveInspector.databaseRoleSettings(archiveOf(entry, CancelToken.none()));
        if (lines.isEmpty()) {
            return;
        }
        try (Connection c = Databases.maintenance(server); Statement st = c.createStatement()) {
            for (String sql : RolesFromGlobals.forDatabase(lines, restored)) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    LOG.warn("Could not reapply a role setting ({}): {}", sql, e.getMessage());
                }
            }
        } catch (SQLException e) {
            LOG.warn("Could not reapply the role settings: {}", e.getMessage());
        }
    }

    /** Drops the roles this restore created, after it failed: the message says nothing was changed. */
    private static void dropCreatedRoles(ConnectionSpec server, List<String> created) {
        if (created.isEmpty()) {
            return;
        }
        try (Connection c = Databases.maintenance(server); Statement st = c.createStatement()) {
            for (String role : created) {
                try {
                    st.execute("DROP ROLE IF EXISTS " + Pg.ident(role));
                } catch (SQLException e) {
                    LOG.warn("Could not drop the role {} this restore created: {}", role, e.getMessage());
                }
            }
        } catch (SQLException e) {
            LOG.warn("Could not drop the roles this restore created ({}): {}", String.join(", ", created), e.getMessage());
        }
    }

    /**
     * The one short step that changes the target: block new connections, end sessions, and rename
     * both databases in one transaction. On failure the target keeps its name and accepts connections.
     */
    private static void swap(ConnectionSpec server, String target, String working, String rollback) {
        try (Connection c = Databases.maintenance(server)) {
            try (Statement st = c.createStatement()) {
                st.execute("ALTER DATABASE " + Pg.ident(target) + " ALLOW_CONNECTIONS false");
            }
            try {
                Databases.terminateSessions(c, target);
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("ALTER DATABASE " + Pg.ident(target) + " RENAME TO " + Pg.ident(rollback));
                    st.execute("ALTER DATABASE " + Pg.ident(working) + " RENAME TO " + Pg.ident(target));
                }
                c.commit();
                LOG.info("Swapped: {} is now {}, the restored copy is {}", target, rollback, target);
            } catch (SQLException e) {
                c.rollback();
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("ALTER DATABASE " + Pg.ident(target) + " ALLOW_CONNECTIONS true");
                }
                throw e;
            }
        } catch (SQLException e) {
            Databases.dropQuietly(server, working);
            throw Pg.failure(ErrorCode.RESTORE_FAILED, "Swapping in the restored database failed; " + target
                    + " is unchanged", e);
        }
    }

    // ---------------------------------------------------------------- rollback, discard, history

    public OperationRecord rollback(String operationId) {
        OperationRecord op = liveRollbackPoint(operationId);
        ConnectionSpec server = credentials.apply(ConnectionSpec.parse(op.server()));
        String target = op.target();
        String stamp = LocalDateTime.now().format(STAMP);
        String undone = DatabaseNames.derived(target, "rolledback_" + stamp);
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = Databases.maintenance(server)) {
            if (!Databases.exists(c, op.rollbackDatabase())) {
                throw new LifeboatException(ErrorCode.RESTORE_FAILED, "The rollback point " + op.rollbackDatabase()
                        + " no longer exists on " + server.host() + ".");
            }
            swapBack(c, target, op.rollbackDatabase(), undone);
        } catch (SQLException e) {
            throw Pg.failure(ErrorCode.RESTORE_FAILED, "The rollback failed; " + target + " is unchanged", e);
        }
        OperationRecord rec = new OperationRecord("op_" + stamp + "_" + UUID.randomUUID().toString().substring(0, 4),
                OperationRecord.ROLLBACK, op.backupId(), op.server(), target, op.mode(), started.toString(),
                OffsetDateTime.now().toString(), OperationRecord.SUCCEEDED, "Rolled back " + operationId + ": "
                + op.rollbackDatabase() + " is " + target + " again; the restored copy is kept as " + undone,
                undone, null, operationId, null, null, null);
        operations.append(rec);
        return rec;
    }

    private static void swapBack(Connection c, String target, String rollbackDb, String undone) throws SQLException {
        boolean targetExists = Databases.exists(c, target);
        try (Statement st = c.createStatement()) {
            if (targetExists) {
                st.execute("ALTER DATABASE " + Pg.ident(target) + " ALLOW_CONNECTIONS false");
                Databases.terminateSessions(c, target);
            }
            c.setAutoCommit(false);
            if (targetExists) {
                st.execute("ALTER DATABASE " + Pg.ident(target) + " RENAME TO " + Pg.ident(undone));
            }
            st.execute("ALTER DATABASE " + Pg.ident(rollbackDb) + " RENAME TO " + Pg.ident(target));
            c.commit();
            c.setAutoCommit(true);
            st.execute("ALTER DATABASE " + Pg.ident(target) + " ALLOW_CONNECTIONS true");
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            if (targetExists) {
                try (Statement st = c.createStatement()) {
                    st.execute("ALTER DATABASE " + Pg.ident(target) + " ALLOW_CONNECTIONS true");
                }
            }
            throw e;
        }
    }

    public OperationRecord discard(String operationId) {
        OperationRecord op = liveRollbackPoint(operationId);
        ConnectionSpec server = credentials.apply(ConnectionSpec.parse(op.server()));
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = Databases.maintenance(server)) {
            Databases.drop(c, op.rollbackDatabase());
        } catch (SQLException e) {
            throw Pg.failure(ErrorCode.RESTORE_FAILED, "Dropping " + op.rollbackDatabase() + " failed", e);
        }
        OperationRecord rec = new OperationRecord("op_" + LocalDateTime.now().format(STAMP) + "_"
                + UUID.randomUUID().toString().substring(0, 4), OperationRecord.DISCARD, op.backupId(), op.server(),
                op.target(), op.mode(), started.toString(), OffsetDateTime.now().toString(), OperationRecord.SUCCEEDED,
                "Dropped " + op.rollbackDatabase(), op.rollbackDatabase(), null, operationId, null, null, null);
        operations.append(rec);
        return rec;
    }

    private OperationRecord liveRollbackPoint(String operationId) {
        OperationRecord op = operations.find(operationId).orElseThrow(() -> new LifeboatException(ErrorCode.USAGE,
                "No operation " + operationId + " in " + operations.file() + ". The operations history lists them.",
                Remedy.LIST_OPERATIONS, null));
        if (op.rollbackDatabase() == null || !OperationRecord.SUCCEEDED.equals(op.outcome())
                || OperationRecord.DISCARD.equals(op.kind())) {
            throw new LifeboatException(ErrorCode.USAGE, "Operation " + operationId + " has no rollback point"
                    + (op.safetyBackupId() != null ? "; it took the safety backup " + op.safetyBackupId()
                    + ": restore that backup to go back." : "."));
        }
        if (!operations.rollbackPointLive(operationId)) {
            throw new LifeboatException(ErrorCode.USAGE, "The rollback point of " + operationId
                    + " was already used or discarded.");
        }
        return op;
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

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file; the OS cleans its temp folder
            }
        }
    }
}
