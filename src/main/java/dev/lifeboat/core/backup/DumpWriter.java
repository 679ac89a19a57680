package dev.lifeboat.core.backup;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveHeader;
import dev.lifeboat.core.archive.TableProgress;
import dev.lifeboat.core.crypto.AgeFiles;
import dev.lifeboat.core.manifest.GlobalsInfo;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ProcessRunner;
import dev.lifeboat.core.pg.StartedProcess;
import dev.lifeboat.core.pg.ServerInfo;
import dev.lifeboat.core.pg.ToolInstallation;
import dev.lifeboat.core.util.Hashing;
import dev.lifeboat.core.util.SafeFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Streams pg_dump's archive and pg_dumpall's roles into the backup's files, hashing (and, for an
 * encrypted backup, encrypting) the bytes as they pass.
 */
final class DumpWriter {
    /** Logged under BackupService's name, as before this class was split from it. */
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);
    private static final int BUFFER = 1 << 20;

    private final PgToolLocator tools;

    DumpWriter(PgToolLocator tools) {
        this.tools = tools;
    }

    /** The archive's SHA-256 and, when pg_dump wrote a header this build knows, that header. */
    record Dumped(String hash, Optional<ArchiveHeader> header) {
    }

    /** Where the archive goes: the partial file claimed for it, and the age recipients (none: stored plain). */
    record Output(Path partial, List<String> encryptTo) {
    }

    /** Claims the output; called once pg_dump has started, before its first byte is written to disk. */
    @FunctionalInterface
    interface OutputClaim {
        Output claim() throws IOException;
    }

    /**
     * Runs pg_dump, claims the output while pg_dump reads the catalog (its archive comes only after
     * that, and waits in the pipe meanwhile), then streams the archive into the partial file, hashing
     * the bytes as they pass and keeping the header's.
     */
    Dumped dump(ToolInstallation pgDump, ConnectionSpec conn, String snapshot, StartedProcess started,
                OutputClaim output, Supplier<List<TableStat>> tables, ProgressListener progress, CancelToken cancel)
            throws IOException {
        MessageDigest digest = Hashing.sha256();
        HeadCapture head = new HeadCapture();
        TableProgress dumpProgress = new TableProgress(tables, progress, 0.05, 0.85);
        FileChannel[] written = new FileChannel[1];
        SyncBehind[] synced = new SyncBehind[1];
        try {
            ProcessRunner.Result r;
            try {
                ProcessRunner.Invocation inv = invocation(pgDump, conn, snapshot)
                        .onStderrLine(dumpProgress::onLine)
                        .stdout(pipe -> {
                            // claimed on another thread while what pg_dump writes meanwhile is kept
                            ClaimWhileReading claimed = ClaimWhileReading.claim(output, pipe);
                            Output o = claimed.output();
                            InputStream in = claimed.archive(pipe);
                            // The partial file was created (claimed) by the claim; it is ours alone.
                            FileChannel out = FileChannel.open(o.partial(), StandardOpenOption.WRITE,
                                    StandardOpenOption.TRUNCATE_EXISTING);
                            written[0] = out;
                            SyncBehind file = new SyncBehind(out);
                            synced[0] = file;
                            SafeFiles.ownerOnly(o.partial());
                            if (o.encryptTo().isEmpty()) {
                                copy(in, file, digest, head);
                                return;
                            }
                            // the plain bytes give the header; the hash is of the encrypted bytes stored
                            try (WritableByteChannel sealed = AgeFiles.encrypting(AgeFiles.hashing(out, digest),
                                    o.encryptTo())) {
                                copy(in, sealed, null, head);
                            }
                        });
                r = started != null ? ProcessRunner.finish(started, inv, cancel) : ProcessRunner.run(inv, cancel);
            } catch (ProcessRunner.UncheckedProcessIo e) {
                throw e.getCause();
            }
            BackupService.failIfNotOk(r, "pg_dump", "");
            synced[0].force();
        } finally {
            if (written[0] != null) {
                written[0].close();
            }
        }
        return new Dumped(HexFormat.of().formatHex(digest.digest()), ArchiveHeader.parse(head.bytes, head.length));
    }

    /** pg_dump -Fc in the snapshot, with the connection's password in its environment; the handlers are added. */
    static ProcessRunner.Invocation invocation(ToolInstallation pgDump, ConnectionSpec conn, String snapshot) {
        return new ProcessRunner.Invocation(pgDump, List.of("--format=custom", "--verbose", "--snapshot=" + snapshot,
                "--dbname=" + conn.toConninfo())).connection(conn).progressLinesAtDebug();
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
    GlobalsInfo saveGlobals(ConnectionSpec conn, ServerInfo server, Path dumpFile, List<String> encryptTo,
                            CancelToken cancel) {
        Path file = BackupFileClaim.globalsFile(dumpFile);
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
}
