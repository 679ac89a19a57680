package dev.lifeboat.core.backup;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.archive.ArchiveHeader;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.archive.ArchiveInspector;
import dev.lifeboat.core.archive.TableProgress;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.BackupFileNames;
import dev.lifeboat.core.crypto.AgeFiles;
import dev.lifeboat.core.crypto.AgeKeys;
import dev.lifeboat.core.manifest.DatabaseSettings;
import dev.lifeboat.core.manifest.EncryptionInfo;
import dev.lifeboat.core.manifest.GlobalsInfo;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.MigrationInfo;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.Catalog;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.ExtensionConfigRows;
import dev.lifeboat.core.pg.LargeObjects;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ProcessRunner;
import dev.lifeboat.core.pg.ServerInfo;
import dev.lifeboat.core.pg.ToolInstallation;
import dev.lifeboat.core.util.Hashing;
import dev.lifeboat.core.util.LogContext;
import dev.lifeboat.core.util.SafeFiles;
import dev.lifeboat.core.util.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Takes a backup: pg_dump -Fc streamed into a file while the same bytes are hashed, row counts
 * taken in the dump's own snapshot, and a manifest entry written only once the file is complete
 * and durable. A failed or cancelled backup leaves neither an entry nor a partial file.
 */
public final class BackupService {
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);
    private static final int BUFFER = 1 << 20;

    private final ManifestStore store;
    private final PgToolLocator tools;

    public BackupService(ManifestStore store, PgToolLocator tools) {
        this.store = store;
        this.tools = tools;
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

        try (Connection c = opened != null ? opened : Pg.connect(conn)) {
            ServerInfo server = Pg.serverInfo(c);
            ToolInstallation pgDump = tools.require(PgTool.PG_DUMP, server.majorKey());
            LOG.info("Server {} ({}), database size {}, using {}", server.version(), conn.display(),
                    Sizes.bytes(server.databaseSize()), pgDump.describe());

            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String snapshot = exportSnapshot(c);
            join(manifestReadable);
            cancel.throwIfCancelled("The backup");

            List<String> recipients = request.encryptTo().isEmpty() ? AgeKeys.folderRecipients(store.folder())
                    : request.encryptTo();
            boolean encrypt = !recipients.isEmpty();
            Journal.Intent intent = new Journal(store.folder()).begin("backup");
            if (request.parallel()) {
                intent.sessions(conn); // pg_dump -Fd's workers write files themselves: a kill must stop them
            }
            Path finalFile;
            try {
                finalFile = claimFile(conn.database(), now, intent, request.parallel() ? BackupFileNames.DIRECTORY_SUFFIX
                        : encrypt ? ".dump.age" : ".dump");
            } catch (IOException | RuntimeException e) {
                intent.end();
                throw e;
            }
            Path partial = partialOf(finalFile);
            boolean complete = false;
            CompletableFuture<GlobalsInfo> globalsJob = CompletableFuture.completedFuture(null);
            try {
                // Everything read in the snapshot, the list of tables first, is read while pg_dump runs (which
                // spends its first moments on its own catalog queries), on this connection.
                CompletableFuture<List<TableStat>> tables = new CompletableFuture<>();
                CompletableFuture<SnapshotFacts> facts = CompletableFuture.supplyAsync(LogContext.carried(
                        () -> snapshotFacts(c, server, tables, request.estimatedCounts(), cancel)));
                // Their sizes weight pg_dump's progress; without them (a failed read, reported by join(facts)) it is unweighted.
                Supplier<List<TableStat>> weights = () -> tables.handle((t, e) -> t == null ? List.<TableStat>of() : t).join();
                // Roles are small and independent of the snapshot: save them while pg_dump runs.
                if (request.includeGlobals()) {
                    globalsJob = CompletableFuture.supplyAsync(LogContext.carried(
                            () -> saveGlobals(conn, server, finalFile, recipients, cancel)));
                }
                long dumpStarted = System.nanoTime();
                DirectoryDump.Result folder = request.parallel() ? DirectoryDump.run(pgDump, conn, snapshot, partial,
                        request.jobs(), weights, recipients, progress, cancel) : null;
                Dumped dumped = folder != null ? new Dumped(folder.hash(), folder.header())
                        : dump(pgDump, conn, snapshot, partial, weights, recipients, progress, cancel);
                long dumpEnded = System.nanoTime();
                progress.progress(0.9, 1, "Counting rows");
                SnapshotFacts read = join(facts);
                c.commit();
                Integer tocEntries = dumped.header().map(ArchiveHeader::tocEntries)
                        .orElseGet(() -> encrypt ? null : tocEntriesByPgRestore(pgDump, partial, progress, cancel));
                GlobalsInfo globals = join(globalsJob);
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
                final Integer toc = tocEntries;
                BackupEntry made = new BackupEntry(stem(finalFile), now.format(BackupEntry.TIMESTAMP),
                        now.toString(), conn.database(), conn.host(), conn.port(), conn.user(), request.description(),
                        request.tags(), request.tags().get(0), finalFile.getFileName().toString(),
                        folder != null ? BackupFormat.DIRECTORY_LABEL : "custom", size,
                        Sizes.megabytes(size), dumped.hash(), "SHA-256", read.tables().size(),
                        request.estimatedCounts() ? "estimated" : "exact", read.tables(), server.version(),
                        server.versionNum(), pgDump.version(), server.databaseSize(),
                        Math.round(seconds * 100) / 100.0, toc, read.migration(), globals, read.settings(),
                        false, List.of(), withFiles(read.extra(), folder))
                        .withEncryption(encrypt ? new EncryptionInfo(EncryptionInfo.AGE, recipients) : null);
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
                LOG.info("Backup {} complete: {} in {} ({} before pg_dump started, {} pg_dump, {} after it), SHA-256 {}",
                        entry.id(), Sizes.bytes(size), Sizes.seconds(seconds), Sizes.seconds((dumpStarted - started) / 1e9),
                        Sizes.seconds((dumpEnded - dumpStarted) / 1e9), Sizes.seconds((System.nanoTime() - dumpEnded) / 1e9),
                        dumped.hash());
                return entry;
            } finally {
                SafeFiles.deleteRecursively(partial);
                if (!complete) {
                    globalsJob.handle((g, e) -> null).join(); // let it finish before removing what it wrote
                    Files.deleteIfExists(globalsFile(finalFile));
                }
                intent.end();
            }
        } catch (SQLException e) {
            throw Pg.failure(ErrorCode.BACKUP_FAILED, "The backup of " + conn.display() + " failed", e);
        } catch (IOException e) {
            throw ioFailure(e);
        }
    }

    /** What the manifest records from the dump's snapshot besides the archive itself. */
    private record SnapshotFacts(List<TableStat> tables, DatabaseSettings settings, MigrationInfo migration,
                                 LargeObjects largeObjects, List<ExtensionConfigRows> extensionRows) {
        /** What no table's row count covers, kept with the entry for a full verify. */
        Map<String, Object> extra() {
            Map<String, Object> extra = new java.util.LinkedHashMap<>();
            if (largeObjects.count() > 0) {
                extra.put(LargeObjects.MANIFEST_KEY, largeObjects.toManifest());
            }
            if (!extensionRows.isEmpty()) {
                extra.put(ExtensionConfigRows.MANIFEST_KEY, extensionRows.stream().map(ExtensionConfigRows::toManifest).toList());
            }
            return extra.isEmpty() ? null : extra;
        }
    }

    /** The entry's extra fields and, for a directory backup, each file's SHA-256. */
    private static Map<String, Object> withFiles(Map<String, Object> extra, DirectoryDump.Result folder) {
        if (folder == null) {
            return extra;
        }
        Map<String, Object> all = extra == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(extra);
        all.put(ArchiveFiles.MANIFEST_KEY, folder.files());
        return all;
    }

    /** The archive's SHA-256 and, when pg_dump wrote a header this build knows, that header. */
    private record Dumped(String hash, Optional<ArchiveHeader> header) {
    }

    /** @param tables completed with the tables (the catalog's sizes) as soon as they are read */
    private static SnapshotFacts snapshotFacts(Connection c, ServerInfo server, CompletableFuture<List<TableStat>> tables,
                                               boolean estimated, CancelToken cancel) {
        long t0 = System.nanoTime();
        try {
            List<TableStat> listed;
            try {
                // the catalog's recorded sizes, no file opened: at once, for pg_dump's progress
                listed = Catalog.tables(c, false);
                tables.complete(listed);
            } catch (SQLException | RuntimeException e) {
                tables.completeExceptionally(e);
                throw e;
            }
            DatabaseSettings settings = Catalog.databaseSettings(c);
            MigrationInfo migration = Catalog.migration(c);
            quietCounting(c, server);
            Map<String, Long> sizes = Catalog.sizesOnDisk(c);
            List<TableStat> onDisk = listed.stream().map(t -> new TableStat(t.schema(), t.name(), t.rows(),
                    sizes.getOrDefault(t.qualifiedName(), t.bytes()))).toList();
            List<TableStat> counted = estimated ? onDisk : Catalog.countRows(c, onDisk, cancel);
            LOG.info("Read sizes and {} row counts of {} tables in the dump's snapshot in {}", estimated ? "estimated"
                    : "exact", counted.size(), Sizes.seconds((System.nanoTime() - t0) / 1e9));
            return new SnapshotFacts(counted, settings, migration, LargeObjects.read(c), ExtensionConfigRows.read(c));
        } catch (SQLException e) {
            throw Pg.failure(ErrorCode.BACKUP_FAILED, "Reading the database in the dump's snapshot failed", e);
        }
    }

    /**
     * The counts run beside pg_dump, which already keeps a core busy compressing and its server
     * process another copying, so they should take as little of the machine as they can. The
     * planner's parallel, JIT-compiled plan for 20 million rows used three processes: exact counts
     * made that backup about 8% slower than estimated ones on two cores; counted in one process
     * without JIT, about 3% (medians of a few noisy runs).
     */
    private static void quietCounting(Connection c, ServerInfo server) throws SQLException {
        try (Statement st = c.createStatement()) {
            if (server.versionNum() >= 90600) {
                st.execute("SET LOCAL max_parallel_workers_per_gather = 0");
            }
            if (server.versionNum() >= 110000) {
                st.execute("SET LOCAL jit = off");
            }
        }
    }

    /** For an archive whose header this build does not know: ask pg_restore. */
    private int tocEntriesByPgRestore(ToolInstallation pgDump, Path archive, ProgressListener progress, CancelToken cancel) {
        progress.progress(0.92, 1, "Reading the archive's table of contents");
        return new ArchiveInspector(tools.require(PgTool.PG_RESTORE, pgDump.majorKey())).list(archive, cancel).totalEntries();
    }

    private static String exportSnapshot(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
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

    /** Runs pg_dump into the partial file, hashing the bytes as they pass and keeping the header's. */
    private Dumped dump(ToolInstallation pgDump, ConnectionSpec conn, String snapshot, Path partial,
                        Supplier<List<TableStat>> tables, List<String> encryptTo, ProgressListener progress, CancelToken cancel)
            throws IOException {
        MessageDigest digest = Hashing.sha256();
        HeadCapture head = new HeadCapture();
        TableProgress dumpProgress = new TableProgress(tables, progress, 0.05, 0.85);
        List<String> args = new ArrayList<>(List.of("--format=custom", "--verbose", "--snapshot=" + snapshot,
                "--dbname=" + conn.toConninfo()));
        // The partial file was created (claimed) by claimFile; it is ours alone.
        try (FileChannel out = FileChannel.open(partial, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            SafeFiles.ownerOnly(partial);
            ProcessRunner.Result r;
            try {
                r = ProcessRunner.run(new ProcessRunner.Invocation(pgDump, args)
                        .connection(conn)
                        .onStderrLine(dumpProgress::onLine)
                        .progressLinesAtDebug()
                        .stdout(in -> {
                            if (encryptTo.isEmpty()) {
                                copy(in, out, digest, head);
                                return;
                            }
                            // the plain bytes give the header; the hash is of the encrypted bytes stored
                            try (WritableByteChannel sealed = AgeFiles.encrypting(AgeFiles.hashing(out, digest), encryptTo)) {
                                copy(in, sealed, null, head);
                            }
                        }), cancel);
            } catch (ProcessRunner.UncheckedProcessIo e) {
                throw e.getCause();
            }
            failIfNotOk(r, "pg_dump", "");
            out.force(true);
        }
        return new Dumped(HexFormat.of().formatHex(digest.digest()), ArchiveHeader.parse(head.bytes, head.length));
    }

    /** Keeps the first bytes of a stream, where an archive's header is. */
    private static final class HeadCapture {
        private final byte[] bytes = new byte[ArchiveHeader.MAX_BYTES];
        private int length;

        void add(byte[] buf, int n) {
            int take = Math.min(n, bytes.length - length);
            if (take > 0) {
                System.arraycopy(buf, 0, bytes, length, take);
                length += take;
            }
        }
    }

    private static void copy(InputStream in, WritableByteChannel out, MessageDigest digest, HeadCapture head)
            throws IOException {
        byte[] buf = new byte[BUFFER];
        ByteBuffer wrap = ByteBuffer.wrap(buf);
        int n;
        while ((n = in.read(buf)) >= 0) {
            if (n == 0) {
                continue;
            }
            if (head != null) {
                head.add(buf, n);
            }
            if (digest != null) {
                digest.update(buf, 0, n);
            }
            wrap.clear().limit(n);
            while (wrap.hasRemaining()) {
                out.write(wrap);
            }
        }
    }

    /** pg_dumpall --globals-only beside the dump; a failure is a warning, not a failed backup. */
    private GlobalsInfo saveGlobals(ConnectionSpec conn, ServerInfo server, Path dumpFile, List<String> encryptTo,
                                    CancelToken cancel) {
        Path file = globalsFile(dumpFile);
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            ToolInstallation dumpAll = tools.require(PgTool.PG_DUMPALL, server.majorKey());
            MessageDigest digest = Hashing.sha256();
            ProcessRunner.Result r;
            try (FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                SafeFiles.ownerOnly(partial);
                r = ProcessRunner.run(new ProcessRunner.Invocation(dumpAll, List.of("--globals-only",
                                "--no-role-passwords", "--dbname=" + conn.toConninfo()))
                        .connection(conn)
                        .stdout(in -> {
                            if (encryptTo.isEmpty()) {
                                copy(in, out, digest, null);
                                return;
                            }
                            try (WritableByteChannel sealed = AgeFiles.encrypting(AgeFiles.hashing(out, digest), encryptTo)) {
                                copy(in, sealed, null, null);
                            }
                        }), cancel);
                out.force(true);
            }
            if (!r.ok()) {
                LOG.warn("Roles and tablespaces were not saved: {}", r.summary());
                return new GlobalsInfo(null, null, null, "not saved: " + r.summary());
            }
            SafeFiles.moveAtomically(partial, file);
            return new GlobalsInfo(file.getFileName().toString(), Files.size(file),
                    HexFormat.of().formatHex(digest.digest()), null);
        } catch (LifeboatException e) {
            if (e.code() == ErrorCode.CANCELLED) {
                throw e;
            }
            LOG.warn("Roles and tablespaces were not saved: {}", e.getMessage());
            return new GlobalsInfo(null, null, null, "not saved: " + e.getMessage());
        } catch (IOException | ProcessRunner.UncheckedProcessIo e) {
            LOG.warn("Roles and tablespaces were not saved: {}", e.getMessage());
            return new GlobalsInfo(null, null, null, "not saved: " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    /** The roles file beside a dump; encrypted (.age) beside an encrypted dump. */
    private static Path globalsFile(Path dumpFile) {
        return dumpFile.resolveSibling(stem(dumpFile) + BackupFileNames.ROLES_SUFFIX
                + (dumpFile.getFileName().toString().endsWith(".age") ? ".age" : ""));
    }

    private static Path partialOf(Path finalFile) {
        return finalFile.resolveSibling(finalFile.getFileName() + BackupFileNames.PARTIAL_SUFFIX);
    }

    /**
     * Picks the backup's file name and claims it by creating its partial file (CREATE_NEW is atomic):
     * two backups of one database started in the same second, in one process or two, get distinct
     * files, and neither ever writes or deletes the other's.
     */
    private Path claimFile(String database, OffsetDateTime when, Journal.Intent intent, String suffix)
            throws IOException {
        String base = BackupFileNames.safeName(database) + "_" + when.toLocalDateTime().format(BackupEntry.TIMESTAMP);
        for (int i = 1; ; i++) {
            Path candidate = store.folder().resolve((i == 1 ? base : base + "_" + i) + suffix);
            if (Files.exists(candidate)) {
                continue;
            }
            Path partial = partialOf(candidate);
            Path globals = globalsFile(candidate);
            // Named in the journal before they exist, so that a kill -9 leaves nothing 'recover' cannot find.
            intent.files(partial, globals, partialOf(globals));
            try {
                if (suffix.equals(BackupFileNames.DIRECTORY_SUFFIX)) {
                    Files.createDirectory(partial); // pg_dump -Fd fills an empty folder it is given
                    SafeFiles.ownerOnlyFolder(partial);
                } else {
                    Files.createFile(partial);
                }
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            // Another run may have finished this name between the check and the claim.
            if (Files.exists(candidate) || store.hasId(stem(candidate))) {
                Files.deleteIfExists(partial);
                continue;
            }
            return candidate;
        }
    }

    private static String stem(Path file) {
        return BackupFileNames.stem(file.getFileName().toString());
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
