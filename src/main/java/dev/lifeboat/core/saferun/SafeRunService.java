package dev.lifeboat.core.saferun;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Runs a command (a migration script, a deploy) only after a backup of the database succeeded: the
 * backup is tagged pre-migration and pinned, the run is recorded with its exit code, and the one
 * command that restores to before it is printed.
 */
public final class SafeRunService {
    private static final Logger LOG = LoggerFactory.getLogger(SafeRunService.class);

    private final ManifestStore store;
    private final PgToolLocator tools;

    public SafeRunService(ManifestStore store, PgToolLocator tools) {
        this.store = store;
        this.tools = tools;
    }

    /** @param io how the command's own input and output are connected (inherit for a terminal) */
    public SafeRunResult run(ConnectionSpec db, String description, List<String> command, ProcessBuilder.Redirect io,
                             ProgressListener progress, CancelToken cancel) {
        return run(db, description, command, io, 1, progress, cancel);
    }

    /** @param jobs parallel pg_dump workers for the backup taken first (1: one -Fc file) */
    public SafeRunResult run(ConnectionSpec db, String description, List<String> command, ProcessBuilder.Redirect io,
                             int jobs, ProgressListener progress, CancelToken cancel) {
        if (command.isEmpty()) {
            throw new LifeboatException(ErrorCode.USAGE, "No command to run: name the command that changes the "
                    + "database, for example a migration.");
        }
        String shown = String.join(" ", command);
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        // A failed backup throws here, and the command is never started.
        BackupEntry backup = new BackupService(store, tools).create(new BackupRequest(db,
                description == null || description.isBlank() ? "Before: " + shown : description,
                List.of("pre-migration"), false, true).withJobs(jobs), progress, cancel);
        store.replace(backup.id(), e -> e.withPinned(true));
        progress.step("Running " + shown);
        LOG.info("Backup {} taken; running: {}", backup.id(), shown);
        long t0 = System.nanoTime();
        int exit;
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(io).redirectError(io);
            if (io == ProcessBuilder.Redirect.INHERIT) {
                pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
            }
            Process p = pb.start();
            if (io != ProcessBuilder.Redirect.INHERIT) {
                p.getOutputStream().close();
            }
            Runnable unhook = cancel.onCancel(p::destroy);
            try {
                exit = p.waitFor();
            } finally {
                unhook.run();
            }
        } catch (IOException e) {
            record(started, backup, db, shown, -1, 0, "could not start: " + e.getMessage());
            throw new LifeboatException(ErrorCode.USAGE, "Cannot start '" + command.get(0) + "': " + e.getMessage()
                    + ". The backup " + backup.id() + " was taken and is kept.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LifeboatException.cancelled("The command");
        }
        double seconds = Math.round((System.nanoTime() - t0) / 1e7) / 100.0;
        String opId = record(started, backup, db, shown, exit, seconds, "'" + shown + "' exited with " + exit
                + "; to go back, restore backup " + backup.id() + " over " + db.database() + " (replace)");
        return new SafeRunResult(opId, backup, exit, seconds, db);
    }

    private String record(OffsetDateTime started, BackupEntry backup, ConnectionSpec db, String command, int exit,
                          double seconds, String message) {
        String id = OperationRecord.newId();
        new OperationsLog(store.folder()).append(new OperationRecord(id, OperationRecord.SAFE_RUN, backup.id(),
                db.withDatabase("postgres").toConninfo(), db.database(), null, started.toString(),
                OffsetDateTime.now().toString(), exit == 0 ? OperationRecord.SUCCEEDED : OperationRecord.FAILED, message,
                null, null, null, seconds, command, exit));
        return id;
    }
}
