package dev.lifeboat.core.verify;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.crypto.AgeFiles;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.archive.ArchiveInspector;
import dev.lifeboat.core.archive.ArchiveRestorer;
import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.manifest.VerificationRecord;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.ExtensionConfigRows;
import dev.lifeboat.core.pg.LargeObjects;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ProcessRunner;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.util.Hashing;
import dev.lifeboat.core.util.LogContext;
import dev.lifeboat.core.util.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Verifies a backup at one of three depths and records the outcome in the entry's history. Every
 * check becomes a line of the report; a failed check never throws, so the report is always whole.
 */
public final class VerifyService {
    private static final Logger LOG = LoggerFactory.getLogger(VerifyService.class);
    private static final String DATA_BLOCKS = "All data blocks readable";

    private final ManifestStore store;
    private final PgToolLocator tools;
    private final Path identity;

    public VerifyService(ManifestStore store, PgToolLocator tools) {
        this(store, tools, null);
    }

    /** @param identity the age identity file that opens encrypted backups (null: none) */
    public VerifyService(ManifestStore store, PgToolLocator tools, Path identity) {
        this.store = store;
        this.tools = tools;
        this.identity = identity;
    }

    /** Where a full verify restores when no scratch server is given: the server the backup came from. */
    public static ConnectionSpec scratchServerFor(BackupEntry entry) {
        return new ConnectionSpec(entry.host(), entry.port() == null ? 0 : entry.port(), "postgres", entry.user(), null,
                Map.of());
    }

    /**
     * @param scratchServer where a full verify restores; null means the server the backup came from
     */
    public VerifyReport verify(String idOrLatest, VerifyDepth depth, ConnectionSpec scratchServer,
                               ProgressListener progress, CancelToken cancel) {
        BackupEntry entry = store.find(idOrLatest);
        if (depth == VerifyDepth.FULL && scratchServer == null && (entry.host() == null || entry.host().isBlank())) {
            // an imported or hand-made entry does not say where it came from: localhost:5432 would be a guess
            throw new LifeboatException(ErrorCode.USAGE, "Backup " + entry.effectiveId() + " was imported or written "
                    + "by hand, so Lifeboat does not know which server it came from. Name a server to restore the "
                    + "test copy on; a scratch database is created there and dropped afterwards.", Remedy.NAME_SCRATCH_SERVER, null);
        }
        long started = System.nanoTime();
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        List<CheckResult> checks = new ArrayList<>();
        List<TableCheck> tables = List.of();
        Double restoreSeconds = null;
        Path file = store.fileOf(entry);
        LOG.info("Verifying {} ({}) at depth {}", entry.effectiveId(), file, depth.label());

        boolean present = Files.isRegularFile(file) || ArchiveFiles.isDirectoryBackup(entry) && Files.isDirectory(file);
        checks.add(CheckResult.of("Backup file present", present, entry.file(), present ? "found" : "missing",
                "The file " + file + " is gone. Restore it from another copy, or remove the entry."));
        if (entry.isEncrypted() && depth != VerifyDepth.QUICK && identity == null) {
            throw AgeFiles.missingIdentity(entry); // before any work, not as a failed check of a good backup
        }
        Path stored = file;
        // the scratch database is dropped while the result is recorded (the drop forces a checkpoint)
        List<Thread> dropping = new ArrayList<>();
        // ...and created while the file is hashed and its table of contents read; dropped unused if they fail
        Scratch scratch = depth == VerifyDepth.FULL && present
                ? new Scratch(scratchServer != null ? scratchServer : scratchServerFor(entry)).start() : null;
        try {
            if (present) {
                checks.addAll(quickChecks(entry, file, progress, cancel));
                if (entry.isEncrypted() && depth != VerifyDepth.QUICK && checks.stream()
                        .noneMatch(c -> c.status() == CheckStatus.FAIL || c.status() == CheckStatus.NOT_RUN)) {
                    progress.step("Decrypting " + entry.file());
                    file = AgeFiles.decryptToTemporary(entry, stored, identity, cancel); // pg_restore reads the plain archive
                }
                // A full verify's test restore reads every data block itself: reading them all beforehand
                // as well added about a tenth to its time. Only when the restore fails are they read
                // separately, to tell a damaged archive from a server that refused it.
                boolean readBlocksNow = depth == VerifyDepth.ARCHIVE;
                if (depth != VerifyDepth.QUICK) {
                    checks.addAll(archiveChecks(entry, file, progress, cancel, readBlocksNow));
                }
                boolean soundSoFar = checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL
                        || c.status() == CheckStatus.NOT_RUN);
                if (depth == VerifyDepth.FULL && soundSoFar) {
                    int blocksAt = checks.size();
                    FullResult full = testRestore(entry, file, scratch, progress, cancel);
                    checks.addAll(full.checks());
                    tables = full.tables();
                    restoreSeconds = full.restoreSeconds();
                    if (BackupFormat.fromLabel(entry.format()) == BackupFormat.CUSTOM) {
                        checks.add(blocksAt, full.restored()
                                ? CheckResult.pass(DATA_BLOCKS, "every block decompresses", "all read by the test restore")
                                : dataBlocks(file, progress, cancel));
                    }
                } else if (depth == VerifyDepth.FULL) {
                    checks.add(new CheckResult("Test restore", CheckStatus.SKIPPED, null, null,
                            "Skipped: a check above failed or could not run."));
                }
            }
        } catch (RuntimeException e) {
            if (scratch != null) {
                dropping.add(scratch.dropInBackground());
            }
            awaitDrops(dropping);
            throw e;
        } finally {
            if (!file.equals(stored)) {
                AgeFiles.deleteQuietly(file);
            }
        }
        if (scratch != null) {
            dropping.add(scratch.dropInBackground()); // used or not
        }
        CheckStatus outcome = checks.stream().map(CheckResult::status).reduce(CheckStatus.PASS, CheckStatus::worst);
        double seconds = round((System.nanoTime() - started) / 1e9);
        VerifyReport report = new VerifyReport(entry.effectiveId(), entry.file(), depth, outcome, now.toString(),
                seconds, restoreSeconds, List.copyOf(checks), List.copyOf(tables));
        record(entry, report);
        awaitDrops(dropping);
        progress.progress(1, 1, report.passed() ? "\u2714 verification passed"
                : report.notRun() ? "? could not verify: " + report.notRunReason()
                : "\u2716 verification FAILED: " + String.join(", ", report.failures().stream().map(CheckResult::name).toList()));
        LOG.info("Verification of {} {}: {}", entry.effectiveId(), outcome.json(), checks.stream()
                .filter(c -> c.status() == CheckStatus.FAIL).map(CheckResult::name).toList());
        return report;
    }

    /** Waits for the scratch database's drop: the command ends only when it is gone (or 'recover' knows of it). */
    private static void awaitDrops(List<Thread> dropping) {
        boolean interrupted = false;
        for (Thread t : dropping) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the drop is short and must finish; the interruption is kept
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(BackupEntry entry, VerifyReport report) {
        List<TableCheck> notable = report.tables().stream().filter(t -> t.status() != CheckStatus.PASS).toList();
        VerificationRecord rec = new VerificationRecord(report.datetime(), report.depth().label(), report.outcome(),
                report.durationSeconds(), report.restoreSeconds(), report.checks(), notable.isEmpty() ? null : notable);
        try {
            store.replace(entry.effectiveId(), e -> e.withVerification(rec));
        } catch (LifeboatException e) {
            LOG.warn("The verification result could not be recorded in the manifest: {}", e.getMessage());
        }
    }

    private static String describe(LargeObjects lo) {
        return lo.count() + (lo.bytes() == null ? "" : " (" + lo.bytes() + " bytes)");
    }

    private List<CheckResult> quickChecks(BackupEntry entry, Path file, ProgressListener progress, CancelToken cancel) {
        List<CheckResult> checks = new ArrayList<>();
        try {
            long size = ArchiveFiles.size(file);
            if (entry.sizeBytes() == null && entry.sizeMb() != null) {
                // a hand-made manifest records megabytes, rounded: MiB or MB, to a hundredth or so
                double mib = size / 1048576.0;
                double mb = size / 1e6;
                double tolerance = Math.max(0.01, entry.sizeMb() * 0.005);
                boolean same = Math.abs(mib - entry.sizeMb()) <= tolerance || Math.abs(mb - entry.sizeMb()) <= tolerance;
                checks.add(CheckResult.of("Size", same, entry.sizeMb() + " MB (as recorded)", Sizes.megabytes(size) + " MB",
                        "The file's size differs from the manifest's size_mb: it was truncated or replaced."));
            } else if (entry.sizeBytes() == null) {
                checks.add(new CheckResult("Size", CheckStatus.WARN, "not recorded", size + " bytes",
                        "The manifest does not record a size for this backup."));
            } else {
                checks.add(CheckResult.of("Size", entry.sizeBytes() == size, entry.sizeBytes() + " bytes",
                        size + " bytes", size < entry.sizeBytes() ? "The file is shorter than when it was written: it "
                                + "was truncated (an interrupted copy, a full disk)." : "The file changed size since the backup."));
            }
            if (entry.tableCount() != null && entry.tables() != null) {
                int listed = entry.tables().size();
                checks.add(CheckResult.of("Table count", entry.tableCount() == listed, entry.tableCount() + " tables",
                        listed + " listed", "The manifest's table_count disagrees with its own list of tables: the "
                                + "entry was edited or damaged, so its row counts cannot be trusted."));
            }
            String hash = null;
            if (ArchiveFiles.isDirectoryBackup(entry)) {
                progress.step("Computing SHA-256 of each file in " + entry.file());
                checks.add(DirectoryChecks.files(entry, file, cancel)); // names the file that differs
            } else {
                hash = Hashing.sha256(file, (d, t, m) -> progress.progress(d, t, "Computing SHA-256 of "
                        + entry.file()), cancel);
            }
            if (hash == null) {
                // a folder: its overall hash is the per-file check above
            } else if (entry.hash() == null || entry.hash().isBlank()) {
                checks.add(new CheckResult("SHA-256", CheckStatus.WARN, "not recorded", hash,
                        "The manifest has no hash for this backup; the one computed now is shown."));
            } else {
                boolean ok = entry.hash().equalsIgnoreCase(hash);
                checks.add(CheckResult.of("SHA-256", ok, entry.hash(), hash,
                        "The content differs from what was written: the file is damaged or was replaced. "
                                + "Do not restore from it; use another backup."));
            }
            if (entry.globals() != null && entry.globals().file() != null && entry.globals().hash() != null) {
                Path globals = store.rolesFileOf(entry);
                if (Files.isRegularFile(globals)) {
                    String g = Hashing.sha256(globals, ProgressListener.NONE, cancel);
                    checks.add(CheckResult.of("Roles file SHA-256", entry.globals().hash().equalsIgnoreCase(g),
                            entry.globals().hash(), g, "The saved roles file " + globals.getFileName() + " changed."));
                } else {
                    checks.add(new CheckResult("Roles file present", CheckStatus.WARN, entry.globals().file(), "missing",
                            "The saved roles and tablespaces are gone; a restore onto a new server may lack roles."));
                }
            }
        } catch (IOException e) {
            checks.add(CheckResult.fail("File readable", "readable", "error", e.getMessage()));
        }
        return checks;
    }

    private List<CheckResult> archiveChecks(BackupEntry entry, Path file, ProgressListener progress, CancelToken cancel,
                                            boolean readBlocks) {
        List<CheckResult> checks = new ArrayList<>();
        BackupFormat format = BackupFormat.fromLabel(entry.format());
        if (format == BackupFormat.SQL) {
            checks.add(new CheckResult("Archive readable", CheckStatus.SKIPPED, null, null,
                    "A plain SQL script has no table of contents; a full verify runs it."));
            return checks;
        }
        if (format == BackupFormat.SQL_GZ) {
            progress.step("Reading the whole compressed script");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                checks.add(CheckResult.pass("Compressed data readable", "complete gzip stream", "complete"));
            } catch (IOException e) {
                checks.add(CheckResult.fail("Compressed data readable", "complete gzip stream", "damaged",
                        e.getMessage() + ": the file is truncated or corrupt."));
            }
            return checks;
        }
        progress.step("Reading the archive's table of contents");
        try {
            ArchiveToc toc = new ArchiveInspector(tools.require(PgTool.PG_RESTORE, 0)).list(file, cancel);
            checks.add(CheckResult.pass("Table of contents readable", "pg_restore --list succeeds", "succeeds"));
            int count = toc.totalEntries();
            if (entry.tocEntries() == null) {
                checks.add(new CheckResult("TOC entries", CheckStatus.WARN, "not recorded", Integer.toString(count), null));
            } else {
                // Backups taken by earlier builds recorded only the entries pg_restore lists.
                boolean same = entry.tocEntries() == count || entry.tocEntries() == toc.entries().size();
                checks.add(CheckResult.of("TOC entries", same, entry.tocEntries().toString(),
                        Integer.toString(count), "The archive lists other objects than it did when written."));
            }
            if (entry.tableCount() != null) {
                // pg_dump also writes the user rows of extension configuration tables, which the
                // entry records apart from its tables.
                java.util.Set<String> extensionTables = new java.util.HashSet<>();
                for (ExtensionConfigRows t : ExtensionConfigRows.fromManifest(entry.extra().get(ExtensionConfigRows.MANIFEST_KEY))) {
                    extensionTables.add(t.schema() + "\u0000" + t.table());
                }
                int inArchive = (int) toc.tableData().stream()
                        .filter(t -> !extensionTables.contains(t.schema() + "\u0000" + t.name())).count();
                checks.add(CheckResult.of("Tables in the archive", inArchive == entry.tableCount(),
                        entry.tableCount() + " tables with data", inArchive + " in the archive",
                        "The archive holds data for another number of tables than the manifest records: it is not "
                                + "the backup the entry describes."));
            }
        } catch (LifeboatException e) {
            if (e.code() == ErrorCode.CANCELLED) {
                throw e;
            }
            checks.add(NotRun.machinery(e.code()) ? NotRun.check("Table of contents readable", e.getMessage())
                    : CheckResult.fail("Table of contents readable", "pg_restore --list succeeds", "fails", e.getMessage()));
            return checks;
        }
        if (readBlocks) {
            checks.add(dataBlocks(file, progress, cancel));
        }
        return checks;
    }

    /** pg_restore reads every data block of the archive into the null device. */
    private CheckResult dataBlocks(Path file, ProgressListener progress, CancelToken cancel) {
        progress.step("Reading every data block of the archive");
        ProcessRunner.Result all;
        try {
            all = new ArchiveInspector(tools.require(PgTool.PG_RESTORE, 0)).readAll(file, cancel);
        } catch (LifeboatException e) {
            if (!NotRun.machinery(e.code())) {
                throw e;
            }
            return NotRun.check(DATA_BLOCKS, e.getMessage());
        }
        if (all.killed()) {
            return NotRun.check(DATA_BLOCKS, "pg_restore was killed (exit code " + all.exitCode() + ") while reading the "
                    + "data blocks; the archive was not judged. Run the verification again.");
        }
        return CheckResult.of(DATA_BLOCKS, all.ok(), "every block decompresses",
                all.ok() ? "all read" : "error", "pg_restore stopped: " + all.summary()
                        + ". The archive is truncated or corrupt; do not rely on it.");
    }

    private record FullResult(List<CheckResult> checks, List<TableCheck> tables, Double restoreSeconds, boolean restored) {
    }

    private FullResult testRestore(BackupEntry entry, Path file, Scratch scratch, ProgressListener progress,
                                   CancelToken cancel) {
        List<CheckResult> checks = new ArrayList<>();
        ConnectionSpec server = scratch.server;
        ConnectionSpec target = server.withDatabase(scratch.name);
        progress.step("Creating scratch database " + scratch.name + " on " + server.host() + ":" + server.port());
        boolean created = false;
        try {
            long lockSlots = scratch.await();
            created = true;
            long t0 = System.nanoTime();
            // the rule a restore uses, so that the measured time is what a restore of this backup will take
            RestoreStrategy strategy = RestoreStrategy.forBackup(entry, tools, 0, lockSlots);
            var r = new ArchiveRestorer(tools).restore(file, BackupFormat.fromLabel(entry.format()),
                    target, ArchiveRestorer.Options.testRestore(strategy), entry.tables(), progress, cancel);
            double restoreSeconds = round((System.nanoTime() - t0) / 1e9);
            String interrupted = NotRun.interruption(r.process());
            if (interrupted != null) {
                // pg_restore was killed or lost its server: the archive was never judged, so neither
                // the restore nor the row counts of a half-restored copy say anything about it.
                checks.add(NotRun.check("Test restore", interrupted));
                checks.add(new CheckResult("Row counts", CheckStatus.SKIPPED, null, null,
                        "Skipped: the test restore did not finish."));
                return new FullResult(checks, List.of(), null, false);
            }
            checks.add(CheckResult.of("Test restore", r.ok(), "restores without errors",
                    r.ok() ? "restored in " + Sizes.seconds(restoreSeconds) : "errors (exit code " + r.exitCode() + ")",
                    r.ok() && !r.warnings().isEmpty() ? String.join("\n", r.warnings()) : r.summary()));
            checks.add(new CheckResult("Measured restore time", CheckStatus.PASS, null, Sizes.seconds(restoreSeconds),
                    "on " + server.host() + ":" + server.port() + " " + strategy.label() + " (" + strategy.reason() + ")"));
            List<TableCheck> tables = List.of();
            if (entry.tables() == null) {
                checks.add(new CheckResult("Row counts", CheckStatus.WARN, "not recorded", null,
                        "This backup was imported without row counts; only the restore itself was checked."));
            } else {
                progress.step("Counting rows in the restored copy");
                try (Connection c = Pg.connect(target)) {
                    tables = RowCountCheck.compare(entry.tables(), c, "estimated".equals(entry.rowCountMethod()), cancel);
                }
                checks.add(RowCountCheck.summarize(tables, "Row counts"));
            }
            List<ExtensionConfigRows> configRows = ExtensionConfigRows.fromManifest(
                    entry.extra().get(ExtensionConfigRows.MANIFEST_KEY));
            if (!configRows.isEmpty()) {
                // user rows in extension configuration tables, counted with the extension's own filter
                List<String> differ = new ArrayList<>();
                try (Connection c = Pg.connect(target)) {
                    for (ExtensionConfigRows t : configRows) {
                        long now = t.count(c);
                        if (now != t.rows()) {
                            differ.add(t.schema() + "." + t.table() + ": " + now + " rows, " + t.rows() + " at backup");
                        }
                    }
                } catch (SQLException e) {
                    differ.add("cannot count them: " + e.getMessage());
                }
                checks.add(CheckResult.of("Extension configuration rows", differ.isEmpty(),
                        configRows.stream().mapToLong(ExtensionConfigRows::rows).sum() + " rows in " + configRows.size()
                                + " table(s)", differ.isEmpty() ? "the same" : String.join("; ", differ),
                        "The restored copy does not hold the extension configuration rows the database held."));
            }
            LargeObjects recorded = LargeObjects.fromManifest(entry.extra().get(LargeObjects.MANIFEST_KEY));
            if (recorded != null) {
                // no table's row count covers large objects
                LargeObjects restored;
                try (Connection c = Pg.connect(target)) {
                    restored = LargeObjects.read(c);
                }
                boolean sizeSame = recorded.bytes() == null || restored.bytes() == null
                        || recorded.bytes().equals(restored.bytes());
                checks.add(CheckResult.of("Large objects", recorded.count() == restored.count() && sizeSame,
                        describe(recorded), describe(restored), "The restored copy does not hold the large objects "
                                + "the database held at backup."));
            }
            return new FullResult(checks, tables, restoreSeconds, r.ok());
        } catch (SQLException e) {
            String why = Pg.failure(ErrorCode.VERIFY_FAILED, "The test restore failed", e).getMessage();
            // The scratch server refusing to create the database says nothing about the backup.
            checks.add(created ? CheckResult.fail("Test restore", "restores without errors", "error", why)
                    : NotRun.check("Test restore", "The scratch database could not be created: " + why));
            return new FullResult(checks, List.of(), null, false);
        } catch (LifeboatException e) {
            if (e.code() == ErrorCode.CANCELLED) {
                throw e;
            }
            checks.add(NotRun.machinery(e.code())
                    ? NotRun.check("Test restore", e.getMessage())
                    : CheckResult.fail("Test restore", "restores without errors", "could not run", e.getMessage()));
            return new FullResult(checks, List.of(), null, false);
        } finally {
            if (created) {
                progress.step("Dropping scratch database " + scratch.name);
            }
        }
    }

    /**
     * The scratch database of a full verify: named in the folder's journal and created on a thread
     * of its own, so that creating it overlaps the checks of the file; dropped on another thread
     * once the test restore is done (or was never run), the journal's intent ending only after the
     * drop, so that 'recover' still finds the database after a kill.
     */
    private final class Scratch {
        private final ConnectionSpec server;
        private final String name = "lifeboat_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        private final CompletableFuture<Long> lockSlots = new CompletableFuture<>();
        private volatile Journal.Intent intent;
        private volatile boolean created;

        private Scratch(ConnectionSpec server) {
            this.server = server;
        }

        private Scratch start() {
            Supplier<Void> work = LogContext.carried(() -> {
                try {
                    intent = journal().begin("verify").database(server, name);
                    try (Connection c = Databases.maintenance(server)) {
                        Databases.create(c, name, null);
                        created = true;
                        lockSlots.complete(RestoreStrategy.lockSlots(c));
                    }
                } catch (SQLException | RuntimeException e) {
                    lockSlots.completeExceptionally(e);
                }
                return null;
            });
            new Thread(work::get, "create-scratch").start();
            return this;
        }

        /** The server's lock slots once the database exists; the creation's own failure, as it was thrown. */
        private long await() throws SQLException {
            try {
                return lockSlots.join();
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

        private Thread dropInBackground() {
            Supplier<Void> work = LogContext.carried(() -> {
                lockSlots.exceptionally(e -> 0L).join(); // a creation still running finishes first
                if (created) {
                    Databases.dropQuietly(server, name);
                }
                if (intent != null) {
                    intent.end();
                }
                return null;
            });
            Thread t = new Thread(work::get, "drop-scratch");
            t.start();
            return t;
        }
    }

    /**
     * The folder's journal, where the scratch database is named before it is created, so that
     * 'recover' finds it after a kill. A folder Lifeboat cannot write makes the test restore
     * "could not verify" with that reason (quick and archive verification only read).
     */
    private Journal journal() {
        return new Journal(store.folder());
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}
