package dev.lifeboat.core.importer;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.manifest.BackupFileNames;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SortedMap;
import java.util.stream.Stream;

/**
 * Import of a directory-format backup (pg_dump -Fd): a folder holding toc.dat. One outside the
 * backup folder is copied in file by file under a partial name, each copy made durable, and hashed
 * from the copies (what is kept is what was checked), then renamed whole.
 */
final class DirectoryImport {
    private DirectoryImport() {
    }

    /** A folder pg_dump -Fd wrote: it holds its table of contents, toc.dat. */
    static boolean isBackupFolder(Path p) {
        return Files.isDirectory(p) && Files.isRegularFile(p.resolve("toc.dat"));
    }

    /** The name a folder gets in the backup folder: its own, ending in .dir so that its id is the rest. */
    static String targetName(String name) {
        return name.endsWith(BackupFileNames.DIRECTORY_SUFFIX) ? name : name + BackupFileNames.DIRECTORY_SUFFIX;
    }

    /** Each file's SHA-256 of the folder at target, copying it there first when it is elsewhere. */
    static SortedMap<String, String> bring(Path source, Path target, Path backupFolder, CancelToken cancel)
            throws IOException {
        if (source.equals(target)) {
            return ArchiveFiles.hashAll(target, cancel);
        }
        Path partial = target.resolveSibling(target.getFileName() + BackupFileNames.PARTIAL_SUFFIX);
        Journal.Intent intent = new Journal(backupFolder).begin("import").file(partial);
        try {
            Files.createDirectory(partial);
            SafeFiles.ownerOnlyFolder(partial);
            List<Path> files;
            try (Stream<Path> s = Files.list(source)) {
                files = s.filter(Files::isRegularFile).toList();
            }
            for (Path f : files) {
                cancel.throwIfCancelled("The import");
                Path copy = partial.resolve(f.getFileName().toString());
                Files.copy(f, copy);
                try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
            SortedMap<String, String> hashes = ArchiveFiles.hashAll(partial, cancel);
            SafeFiles.moveAtomically(partial, target);
            return hashes;
        } finally {
            SafeFiles.deleteRecursively(partial);
            intent.end();
        }
    }
}
