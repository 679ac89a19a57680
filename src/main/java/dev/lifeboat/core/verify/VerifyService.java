package dev.lifeboat.core.verify;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.crypto.AgeFiles;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.archive.CommitGate;
import dev.lifeboat.core.archive.EarlyBackupRead;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.manifest.VerificationRecord;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import static dev.lifeboat.core.verify.BackupFileChecks.DATA_BLOCKS;

/**
 * Verifies a backup at one of three depths and records the outcome in the entry's history. Every
 * check becomes a line of the report; a failed check never throws, so the report is always whole.
 */
public final class VerifyService {
    private static final Logger LOG = LoggerFactory.getLogger(VerifyService.class);

    private final ManifestStore store;
    private final Path identity;
    private final BackupFileChecks files;
    private final FullVerifyRestore fullRestore;

    public VerifyService(ManifestStore store, PgToolLocator tools) {
        this(store, tools, null);
    }

    /** @param identity the age identity file that opens encrypted backups (null: none) */
    public VerifyService(ManifestStore store, PgToolLocator tools, Path identity) {
        this.store = store;
        this.identity = identity;
        this.files = new BackupFileChecks(store, tools);
        this.fullRestore = new FullVerifyRestore(tools);
    }

    /** Where a full verify restores when no scratch server is given: the server the backup came from. */
    public static ConnectionSpec scratchServerFor(BackupEntry entry) {
        return new ConnectionSpec(entry.host(), entry.port() == null ? 0 : entry.port(), "postgres", entry.user(), null,
                Map.of());
    }

    /**
     * For {@code verify ID --depth full}: its scratch database journalled and made on {@code c}, the
     * connection to the backup's server opened while the command line is read, so that the verify finds it
     * made. What it returns drops it when that connection is closed unused; {@link #dropUnclaimedScratch}
     * drops it when the verify failed before its test restore.
     */
    public static Runnable scratchBeforeVerify(Path folder, ConnectionSpec server, Connection c) {
        return ScratchDatabase.beforeVerify(folder, server, c);
    }

    /** Drops a scratch database made before a verify that did not claim it (see {@link #scratchBeforeVerify}). */
    public static void dropUnclaimedScratch() {
        ScratchDatabase.dropUnclaimed();
    }

    /**
     * @param scratchServer where a full verify restores; null means the server the backup came from
     */
    public VerifyReport verify(String idOrLatest, VerifyDepth depth, ConnectionSpec scratchServer,
                               ProgressListener progress, CancelToken cancel) {
        return verify(find(idOrLatest), depth, scratchServer, progress, cancel);
    }

    /** The backup's entry: the one read while the command line was, when the CLI started that (EarlyBackupRead). */
    public BackupEntry find(String idOrLatest) {
        return EarlyBackupRead.find(store, idOrLatest);
    }

    /** As {@link #verify(String, VerifyDepth, ConnectionSpec, ProgressListener, CancelToken)}, of the entry found. */
    public VerifyReport verify(BackupEntry entry, VerifyDepth depth, ConnectionSpec scratchServer,
                               ProgressListener progress, CancelToken cancel) {
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
        // (or made already, on the connection opened while the command line was read: scratchBeforeVerify)
        ScratchDatabase scratch = depth == VerifyDepth.FULL && present
                ? ScratchDatabase.claimOrStart(store, scratchServer != null ? scratchServer : scratchServerFor(entry)) : null;
        try {
            if (present) {
                // A full verify's checks of the file (size, SHA-256) and of its table of contents run
                // beside its test restore, whose COMMIT waits for them (decision 011); an encrypted
                // backup is decrypted only once its file checks passed, so its checks run first.
                boolean beside = depth == VerifyDepth.FULL && !entry.isEncrypted() && Files.isRegularFile(file);
                // A full verify's test restore reads every data block itself: reading them all beforehand
                // as well added about a tenth to its time. Only when the restore fails are they read
                // separately, to tell a damaged archive from a server that refused it.
                boolean readBlocksNow = depth == VerifyDepth.ARCHIVE;
                CompletableFuture<List<CheckResult>> fileChecks = new CompletableFuture<>();
                CommitGate gate = CommitGate.open();
                List<CheckResult> archive = List.of();
                if (beside) {
                    Path checked = file;
                    gate = CommitGate.checkingFromStart("verify-checks", () -> {
                        try {
                            List<CheckResult> q = new ArrayList<>(files.quickChecks(entry, checked, ProgressListener.NONE, cancel));
                            q.addAll(files.archiveChecks(entry, checked, ProgressListener.NONE, cancel, false));
                            fileChecks.complete(q);
                            return sound(q) ? null : "a check of the backup file failed";
                        } catch (RuntimeException e) {
                            fileChecks.completeExceptionally(e);
                            throw e;
                        }
                    });
                } else {
                    checks.addAll(files.quickChecks(entry, file, progress, cancel));
                    if (entry.isEncrypted() && depth != VerifyDepth.QUICK && sound(checks)) {
                        progress.step("Decrypting " + entry.file());
                        file = AgeFiles.decryptToTemporary(entry, stored, identity, cancel); // pg_restore reads the plain archive
                    }
                    archive = depth == VerifyDepth.QUICK ? List.of()
                            : files.archiveChecks(entry, file, progress, cancel, readBlocksNow);
                }
                FullVerifyRestore.FullResult full = depth == VerifyDepth.FULL && sound(checks) && sound(archive)
                        ? fullRestore.testRestore(entry, file, scratch, gate, progress, cancel) : null;
                if (beside) {
                    gate.start(); // if the test restore did not get to its loader, which starts it
                    checks.addAll(joinChecks(fileChecks));
                }
                checks.addAll(archive);
                if (full != null && sound(checks)) {
                    int blocksAt = checks.size();
                    checks.addAll(full.checks());
                    tables = full.tables();
                    restoreSeconds = full.restoreSeconds();
                    if (BackupFormat.fromLabel(entry.format()) == BackupFormat.CUSTOM) {
                        checks.add(blocksAt, full.restored()
                                ? CheckResult.pass(DATA_BLOCKS, "every block decompresses", "all read by the test restore")
                                : files.dataBlocks(file, progress, cancel));
                    }
                } else if (depth == VerifyDepth.FULL) {
                    // a test restore the file checks stopped (beside it) is reported as one not started
                    checks.add(new CheckResult("Test restore", CheckStatus.SKIPPED, null, null,
                            "Skipped: a check above failed or could not run."));
                }
            }
        } catch (RuntimeException e) {
            if (scratch != null) {
                dropping.add(scratch.dropInBackground());
            }
            ScratchDatabase.awaitDrops(dropping);
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
        ScratchDatabase.awaitDrops(dropping);
        progress.progress(1, 1, report.passed() ? "\u2714 verification passed"
                : report.notRun() ? "? could not verify: " + report.notRunReason()
                : "\u2716 verification FAILED: " + String.join(", ", report.failures().stream().map(CheckResult::name).toList()));
        LOG.info("Verification of {} {}: {}", entry.effectiveId(), outcome.json(), checks.stream()
                .filter(c -> c.status() == CheckStatus.FAIL).map(CheckResult::name).toList());
        return report;
    }

    /** No check failed or could not run. */
    private static boolean sound(List<CheckResult> checks) {
        return checks.stream().noneMatch(c -> c.status() == CheckStatus.FAIL || c.status() == CheckStatus.NOT_RUN);
    }

    /** The file checks made beside the test restore; their cancellation or failure thrown as it was. */
    private static List<CheckResult> joinChecks(CompletableFuture<List<CheckResult>> quick) {
        try {
            return quick.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
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


    static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}
