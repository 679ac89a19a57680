package dev.lifeboat.core.backup;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveHeader;
import dev.lifeboat.core.archive.ArchiveInspector;
import dev.lifeboat.core.backup.DumpWriter.Dumped;
import dev.lifeboat.core.backup.SnapshotReads.SnapshotFacts;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.GlobalsInfo;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ProcessRunner;
import dev.lifeboat.core.pg.StartedProcess;
import dev.lifeboat.core.pg.ServerInfo;
import dev.lifeboat.core.pg.ToolInstallation;
import dev.lifeboat.core.util.LogContext;
import dev.lifeboat.core.util.SafeFiles;
import dev.lifeboat.core.util.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Takes a backup: pg_dump -Fc streamed into a file while the same bytes are hashed, row counts
 * taken in the dump's own snapshot, and a manifest entry written only once the file is complete
 * and durable. A failed or cancelled backup leaves neither an entry nor a partial file.
 */
public final class BackupService {
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);

    private final ManifestStore store;
    private final PgToolLocator tools;
    private final DumpWriter writer;
    private final BackupFileClaim files;

    public BackupService(ManifestStore store, PgToolLocator tools) {
        this.store = store;
        this.tools = tools;
        this.writer = new DumpWriter(tools);
        this.files = new BackupFileClaim(store);
    }

    public BackupEntry create(BackupRequest request, ProgressListener progress, CancelToken cancel) {
        return create(request, null, progress, cancel);
    }

    /**
     * As {@link #create(BackupRequest, ProgressListener, CancelToken)}, on a connection to the request's
     * database the caller opened already (the password check's, {@code Credentials.withConnection}),
     * which becomes the snapshot's holder and is closed here; null to open one.
     */
    public BackupEntry create(BackupRequest request, Connection opened, ProgressListener progress, CancelToken cancel) {
        long started = System.nanoTime();
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        ConnectionSpec conn = request.connection();
        // Read the manifest while connecting: a damaged one stops us before an hour of dumping, not after.
        CompletableFuture<?> manifestReadable = CompletableFuture.runAsync(store::load);
        SafeFiles.ensureFolder(store.folder());
        progress.progress(0, 1, "Connecting to " + conn.display());
        LOG.info("Backup of {} into {}", conn.display(), store.folder());

        // pg_dump already running on this connection's snapshot, started while the command line was read
        EarlyDump early = opened == null ? null : EarlyDump.take(opened).orElse(null);
        try (Connection c = opened != null ? opened : Pg.connect(conn)) {
            ServerInfo server = early != null ? early.server() : Pg.serverInfo(c);
            ToolInstallation pgDump = tools.require(PgTool.PG_DUMP, server.majorKey());
            if (early != null && (request.parallel() || !early.pgDump().path().equals(pgDump.path()))) {
                early.discard(); // not the dump this backup runs: roll its snapshot back and start over
                early = null;
                c.rollback();
                c.setAutoCommit(true);
            }
            LOG.info("Server {} ({}), {}using {}{}", server.version(), conn.display(), server.databaseSize() >= 0
                    ? "database size " + Sizes.bytes(server.databaseSize()) + ", " : "", pgDump.describe(),
                    early != null ? ", started early" : "");
            boolean startedEarly = early != null;
            String snapshot;
            if (early != null) {
                snapshot = early.snapshot();
            } else {
                beginSnapshotTransaction(c);
                snapshot = SnapshotReads.exportSnapshot(c);
            }
            cancel.throwIfCancelled("The backup");

            BackupClaim claim = new BackupClaim(store, files, writer, request, server, now, manifestReadable, cancel);
            boolean complete = false;
            try {
                // Everything read in the snapshot, the list of tables first, is read while pg_dump runs (which
                // spends its first moments on its own catalog queries), on this connection.
                CompletableFuture<List<TableStat>> tables = new CompletableFuture<>();
                CompletableFuture<SnapshotFacts> facts = CompletableFuture.supplyAsync(LogContext.carried(
                        () -> SnapshotReads.snapshotFacts(c, server, tables, request.estimatedCounts(), cancel)));
                // Jackson's first write of an entry builds its serializers (15-45 ms of a cold JVM's CPU): done on a
                // draft as soon as the facts are read, beside pg_dump, not in series after it (nor beside the real
                // write, when the facts come after pg_dump's end: 2,000 tables' counts can)
                AtomicBoolean dumping = new AtomicBoolean(true);
                facts.thenAcceptAsync(read -> {
                    if (dumping.get()) {
                        BackupEntries.prepareWriting(request, now, server, read);
                    }
                });
                // Their sizes weight pg_dump's progress; without them (a failed read, reported by join(facts)) it is unweighted.
                Supplier<List<TableStat>> weights = () -> tables.handle((t, e) -> t == null ? List.<TableStat>of() : t).join();
                long dumpStarted = System.nanoTime();
                DirectoryDump.Result folder = null;
                Dumped dumped;
                if (request.parallel()) {
                    claim.make(); // pg_dump -Fd writes into the folder itself: claimed before it starts
                    folder = DirectoryDump.run(pgDump, conn, snapshot, claim.partial, request.jobs(), weights,
                            claim.recipients, progress, cancel);
                    dumped = new Dumped(folder.hash(), folder.header());
                } else {
                    // pg_dump starts first; the file is claimed while it reads the catalog
                    StartedProcess running = early != null ? early.process() : null;
                    early = null; // the writer owns it now
                    dumped = writer.dump(pgDump, conn, snapshot, running, claim::make, weights, progress, cancel);
                }
                long dumpEnded = System.nanoTime();
                dumping.set(false);
                progress.progress(0.9, 1, "Counting rows");
                SnapshotFacts read = join(facts);
                c.commit();
                boolean encrypt = !claim.recipients.isEmpty();
                Path partial = claim.partial;
                Path finalFile = claim.finalFile;
                Integer tocEntries = dumped.header().map(ArchiveHeader::tocEntries)
                        .orElseGet(() -> encrypt ? null : tocEntriesByPgRestore(pgDump, partial, progress, cancel));
                GlobalsInfo globals = join(claim.globalsJob);
                cancel.throwIfCancelled("The backup");
                SafeFiles.moveAtomically(partial, finalFile);
                if (folder != null) {
                    SafeFiles.ownerOnlyFolder(finalFile);
                } else {
                    SafeFiles.ownerOnly(finalFile);
                }
                complete = true; // from here on the file is whole; a manifest failure keeps it for import

                long size = folder != null ? folder.size() : Files.size(finalFile);
                double seconds = (System.nanoTime() - started) / 1e9;
                BackupEntry made = BackupEntries.entry(request, now, finalFile, folder, size, dumped.hash(), read, server, pgDump.version(),
                        seconds, tocEntries, globals, encrypt ? claim.recipients : List.of());
                progress.progress(0.98, 1, "Recording the backup in the manifest");
                BackupEntry entry;
                try {
                    store.add(made);
                    entry = made;
                } catch (LifeboatException e) {
                    throw new LifeboatException(e.code(), e.getMessage() + " The backup file " + finalFile
                            + " is complete: import it into the catalog once the manifest is fixed.", e.remedy(), e);
                }
                progress.progress(1, 1, "Backup complete: " + finalFile.getFileName() + " (" + Sizes.bytes(size) + ")");
                // The phases, so that a slow backup says whether pg_dump or Lifeboat's own work took the time.
                LOG.info("Backup {} complete: {} in {} ({} {}, {} pg_dump, {} after it), SHA-256 {}",
                        entry.id(), Sizes.bytes(size), Sizes.seconds(seconds), Sizes.seconds((dumpStarted - started) / 1e9),
                        startedEarly ? "before pg_dump's output was read (it started while the command line was read)"
                                : "before pg_dump started",
                        Sizes.seconds((dumpEnded - dumpStarted) / 1e9), Sizes.seconds((System.nanoTime() - dumpEnded) / 1e9),
                        dumped.hash());
                return entry;
            } finally {
                claim.release(complete);
            }
        } catch (SQLException e) {
            throw Pg.failure(ErrorCode.BACKUP_FAILED, "The backup of " + conn.display() + " failed", e);
        } catch (IOException e) {
            throw ioFailure(e);
        } finally {
            if (early != null) {
                early.discard(); // the backup failed before its pg_dump was read
            }
        }
    }

    /** The transaction whose snapshot pg_dump and the row counts share. */
    static void beginSnapshotTransaction(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
    }


    /** For an archive whose header this build does not know: ask pg_restore. */
    private int tocEntriesByPgRestore(ToolInstallation pgDump, Path archive, ProgressListener progress, CancelToken cancel) {
        progress.progress(0.92, 1, "Reading the archive's table of contents");
        return new ArchiveInspector(tools.require(PgTool.PG_RESTORE, pgDump.majorKey())).list(archive, cancel).totalEntries();
    }


    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LifeboatException.cancelled("The backup");
        } catch (ExecutionException e) {
            // the other job's failure is the one to report; pg_dump's own failure was thrown already
            if (e.getCause() instanceof LifeboatException le) {
                throw le;
            }
            throw new LifeboatException(ErrorCode.BACKUP_FAILED, "The backup failed: " + e.getCause(), e.getCause());
        }
    }

    private LifeboatException ioFailure(IOException e) {
        if (SafeFiles.isDiskFull(e)) {
            return new LifeboatException(ErrorCode.DISK_FULL, "The disk holding " + store.folder() + " is full: it ran "
                    + "out of space while the backup was written. The partial file was removed and nothing was recorded; "
                    + Sizes.bytes(Math.max(SafeFiles.usableSpace(store.folder()), 0)) + " is free now, less than "
                    + "this backup needs. Free some space or choose another backup folder.", e);
        }
        return new LifeboatException(ErrorCode.IO_ERROR, "Writing the backup into " + store.folder() + " failed: "
                + e.getMessage() + ". The partial file was removed and nothing was recorded.", e);
    }


    /**
     * A pg_dump that did not finish: killed (its last words are whatever it was doing, a verbose line,
     * not why it stopped) or failed, with what to do. {@code what} names the run, {@code otherwise} is a
     * remedy for failures that are not about permissions ("" for none).
     */
    static void failIfNotOk(ProcessRunner.Result r, String what, String otherwise) {
        if (r.killed()) {
            throw new LifeboatException(ErrorCode.BACKUP_FAILED, "pg_dump was killed (exit code " + r.exitCode()
                    + ") before it finished: by another program, an administrator, or the system running out "
                    + "of memory. Nothing was recorded; take the backup again.");
        }
        if (!r.ok()) {
            String why = r.summary();
            ErrorCode code = why.contains("permission denied") ? ErrorCode.PERMISSION_DENIED : ErrorCode.BACKUP_FAILED;
            throw new LifeboatException(code, what + " failed (exit code " + r.exitCode() + "): " + why
                    + (code == ErrorCode.PERMISSION_DENIED
                    ? "\nBack up as a user that can read every table (the owner, or a member of pg_read_all_data)."
                    : otherwise));
        }
    }
}
