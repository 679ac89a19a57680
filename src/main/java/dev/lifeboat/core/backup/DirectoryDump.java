package dev.lifeboat.core.backup;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.archive.ArchiveHeader;
import dev.lifeboat.core.archive.TableProgress;
import dev.lifeboat.core.crypto.AgeFolders;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.ProcessRunner;
import dev.lifeboat.core.pg.ToolInstallation;
import dev.lifeboat.core.util.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;

/**
 * pg_dump -Fd -j N into a partial folder, in the snapshot Lifeboat's own session holds (pg_dump's
 * workers all attach to it, as its leader does with {@code --snapshot}; decision 001), then every
 * file hashed. pg_dump writes the files itself (in parallel, each worker its own), so they are read
 * back once to be hashed, mostly from the page cache.
 */
final class DirectoryDump {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryDump.class);

    /** The folder's overall hash, each file's, and their total size. */
    record Result(String hash, SortedMap<String, String> files, long size, Optional<ArchiveHeader> header) {
    }

    private DirectoryDump() {
    }

    /**
     * @param folder     the partial folder, created empty and private (pg_dump fills an empty folder it is given)
     * @param encryptTo  age recipients: each file is then encrypted to NAME.age and the plain file removed
     *                   before the folder is renamed (decision 014); empty: stored as pg_dump wrote it
     */
    static Result run(ToolInstallation pgDump, ConnectionSpec conn, String snapshot, Path folder, int jobs,
                      Supplier<List<TableStat>> tables, List<String> encryptTo, ProgressListener progress,
                      CancelToken cancel) throws IOException {
        TableProgress dumpProgress = new TableProgress(tables, progress, 0.05, 0.80);
        List<String> args = List.of("--format=directory", "--jobs=" + jobs, "--verbose", "--snapshot=" + snapshot,
                "--file=" + folder, "--dbname=" + conn.toConninfo());
        ProcessRunner.Result r;
        try {
            r = ProcessRunner.run(new ProcessRunner.Invocation(pgDump, args).connection(conn)
                    .onStderrLine(dumpProgress::onLine), cancel);
        } catch (ProcessRunner.UncheckedProcessIo e) {
            throw e.getCause();
        }
        BackupService.failIfNotOk(r, "pg_dump with " + jobs + " parallel jobs",
                r.summary().contains("too many") || r.summary().contains("connection") ? "\nEach job is one more "
                        + "session on the server: use fewer jobs, or raise the server's max_connections." : "");
        // toc.dat's header counts the entries, read in-process rather than by one more pg_restore --list
        Optional<ArchiveHeader> header = ArchiveHeader.read(folder);
        long t0 = System.nanoTime();
        SortedMap<String, String> files;
        if (encryptTo.isEmpty()) {
            progress.progress(0.85, 1, "Computing SHA-256 of each file");
            files = ArchiveFiles.hashAll(folder, cancel);
        } else {
            progress.progress(0.85, 1, "Encrypting each file (age)");
            files = AgeFolders.sealAll(folder, encryptTo, cancel); // hashes of what is stored, as it is written
        }
        long size = ArchiveFiles.size(folder);
        LOG.info("{} {} files ({}) of the directory backup in {}", encryptTo.isEmpty() ? "Hashed" : "Encrypted and hashed",
                files.size(), Sizes.bytes(size), Sizes.seconds((System.nanoTime() - t0) / 1e9));
        return new Result(ArchiveFiles.overall(files), files, size, header);
    }
}
