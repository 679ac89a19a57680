package dev.lifeboat.core.util;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File operations that survive a crash and keep backups private: folders and files readable by
 * their owner only, writes through a temporary file, fsync and an atomic rename.
 */
public final class SafeFiles {
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private SafeFiles() {
    }

    /** Creates the folder (and parents) when missing; a folder Lifeboat creates is owner-only. */
    public static Path ensureFolder(Path folder) {
        try {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                restrict(folder, OWNER_DIR);
            }
            return folder;
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot create the backup folder " + folder + ": "
                    + e.getMessage() + ". Choose a folder you can write to.", e);
        }
    }

    /** Makes a folder Lifeboat owns (its log folder) enterable by its owner only, even one made by an older version. */
    public static void ownerOnlyFolder(Path folder) {
        restrict(folder, OWNER_DIR);
    }

    /** Makes a file readable and writable by its owner only, where the file system knows owners. */
    public static void ownerOnly(Path file) {
        restrict(file, OWNER_FILE);
    }

    private static void restrict(Path path, Set<PosixFilePermission> perms) {
        try {
            // Asked of the file system, not the file's store: finding the store scans the mount table (~2 ms of a
            // cold prune's first lock, 0.3 ms at each later one; issue 15). A store without owners on a POSIX
            // system (a FAT stick) refuses or ignores the change, and that is caught below as before.
            if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(path, perms);
            }
        } catch (IOException | UnsupportedOperationException ignored) {
            // a file system without POSIX permissions (FAT, Windows): its ACLs apply
        }
    }

    /** Writes the bytes to the target atomically: temp file, fsync, rename, fsync of the folder. */
    public static void writeAtomically(Path target, byte[] data) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().getId());
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(data));
            ch.force(true);
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        ownerOnly(tmp);
        moveAtomically(tmp, target);
    }

    /** Renames within a folder, replacing the target, and makes the rename durable. */
    public static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
        syncFolder(to.toAbsolutePath().getParent());
    }

    /** fsync of a folder so a rename in it survives a power cut; a no-op where not supported. */
    public static void syncFolder(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open folders as channels; NTFS journals renames itself
        }
    }

    /** Free bytes on the file system holding the path, or -1 when unknown. */
    public static long usableSpace(Path path) {
        try {
            FileStore store = Files.getFileStore(path);
            return store.getUsableSpace();
        } catch (IOException e) {
            return -1;
        }
    }

    /** True when the exception (or a cause) is the OS saying the disk is full. */
    public static boolean isDiskFull(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage()).toLowerCase();
            if (m.contains("no space left") || m.contains("not enough space") || m.contains("disk full")
                    || m.contains("quota exceeded")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Deletes a file if it is there, for clean-ups whose failure must not hide what is being reported
     * (a temporary file, a partial upload): a file that cannot be deleted stays. Null deletes nothing.
     */
    public static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // left for the OS's temporary folder or the next run's clean-up
            }
        }
    }

    /**
     * Deletes a file, or a folder with everything in it (a directory-format backup); false when
     * nothing was there. Symbolic links inside are removed, never followed.
     */
    public static boolean deleteRecursively(Path path) throws IOException {
        if (!Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Files.deleteIfExists(path);
        }
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1 && !Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
            try (java.util.stream.Stream<Path> all = Files.walk(path)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
                return true;
            } catch (java.nio.file.DirectoryNotEmptyException | java.nio.file.NoSuchFileException e) {
                // a writer that is being stopped (an orphaned pg_dump) added a file meanwhile: walk again
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }
}
