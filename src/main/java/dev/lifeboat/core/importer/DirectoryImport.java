package dev.lifeboat.core.importer;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.crypto.AgeFiles;
import dev.lifeboat.core.crypto.AgeFolders;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.BackupFileNames;
import dev.lifeboat.core.manifest.EncryptionInfo;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.SortedMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Import of a directory-format backup (pg_dump -Fd): a folder holding toc.dat, or one Lifeboat
 * encrypted (decision 014: every file NAME.age, toc.dat.age among them). One outside the backup
 * folder is copied in file by file under a partial name, each copy made durable, and hashed from the
 * copies (what is kept is what was checked), then renamed whole.
 */
final class DirectoryImport {
    private static final String TOC = "toc.dat";
    private static final String SEALED_TOC = TOC + AgeFolders.SUFFIX;
    private static final Pattern DATA_FILE = Pattern.compile("\\d+\\.dat(\\.gz)?(\\.age)?");
    static final String EXPECTED = "import takes backup files (.dump, .backup, .sql, .sql.gz, each also encrypted as "
            + "NAME.age), a directory backup (a folder holding toc.dat, as pg_dump -Fd writes it) or an encrypted "
            + "one (a folder of NAME.age files holding toc.dat.age, as Lifeboat writes it)";

    private DirectoryImport() {
    }

    /** A folder pg_dump -Fd wrote (it holds its table of contents, toc.dat), or that folder encrypted. */
    static boolean isBackupFolder(Path p) {
        return Files.isDirectory(p) && (Files.isRegularFile(p.resolve(TOC)) || isEncrypted(p));
    }

    /** A directory backup whose files are age files: its table of contents is toc.dat.age. */
    static boolean isEncrypted(Path p) {
        return Files.isRegularFile(p.resolve(SEALED_TOC));
    }

    /**
     * A folder that holds a directory backup's data files (NNNN.dat.gz, plain or .age) but no table
     * of contents: given to import, it is named with what was expected rather than passed over.
     */
    static boolean looksLikeBackupFolder(Path p) throws IOException {
        if (!Files.isDirectory(p) || isBackupFolder(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.anyMatch(f -> Files.isRegularFile(f) && DATA_FILE.matcher(f.getFileName().toString()).matches());
        }
    }

    /**
     * Why the folder cannot be adopted as a directory backup, in the person's words with what was
     * expected; null when it can: plain (toc.dat) or encrypted (toc.dat.age and nothing but age files).
     */
    static String problem(Path folder) throws IOException {
        boolean plain = Files.isRegularFile(folder.resolve(TOC));
        boolean sealed = isEncrypted(folder);
        if (!plain && !sealed) {
            return folder.getFileName() + " holds no table of contents (toc.dat, or toc.dat.age when encrypted), so "
                    + "it is not a whole directory backup: " + EXPECTED + ". Copy the whole folder again, its table of "
                    + "contents included.";
        }
        if (plain && sealed) {
            return folder.getFileName() + " holds both toc.dat and toc.dat.age: " + EXPECTED
                    + ". Keep one of the two backups in the folder.";
        }
        if (!sealed) {
            return null;
        }
        List<String> notAge;
        try (Stream<Path> s = Files.list(folder)) {
            notAge = s.filter(Files::isRegularFile).map(f -> f.getFileName().toString())
                    .filter(n -> !n.endsWith(AgeFolders.SUFFIX)).sorted().toList();
        }
        return notAge.isEmpty() ? null : folder.getFileName() + " holds toc.dat.age but also " + String.join(", ", notAge)
                + ": an encrypted directory backup holds only age files (NAME.age). Move the others out of the folder.";
    }

    /** The name a folder gets in the backup folder: its own, ending in .dir so that its id is the rest. */
    static String targetName(String name) {
        return name.endsWith(BackupFileNames.DIRECTORY_SUFFIX) ? name : name + BackupFileNames.DIRECTORY_SUFFIX;
    }

    /** What an import records for a stored backup, read from its readable (plain) form. */
    interface Describer {
        BackupEntry describe(Path readable, String hash) throws IOException;
    }

    /**
     * Adopts a directory-format backup: each file's hash recorded (of the stored files, NAME.age
     * when encrypted, as a backup records them), one overall hash over them, and what it holds read
     * from a private decrypted copy when it is encrypted, removed after.
     */
    static BackupEntry adopt(Path source, Path target, Path backupFolder, Path identity, Describer describer,
                             CancelToken cancel) throws IOException {
        String problem = problem(source);
        if (problem != null) {
            throw new LifeboatException(ErrorCode.USAGE, problem);
        }
        boolean sealed = isEncrypted(source);
        ImportService.requireIdentity(source, sealed, identity);
        SortedMap<String, String> files = bring(source, target, backupFolder, cancel);
        Path plain = null;
        try {
            if (sealed) {
                plain = AgeFiles.decryptToTemporary("encrypted directory backup " + source.getFileName(), List.of(),
                        target, identity, cancel);
            }
            BackupEntry entry = describer.describe(plain == null ? target : plain, ArchiveFiles.overall(files));
            if (sealed) {
                entry = entry.withEncryption(new EncryptionInfo(EncryptionInfo.AGE, ImportService.recipientsOf(identity)));
            }
            entry.extra().put(ArchiveFiles.MANIFEST_KEY, files);
            return entry;
        } catch (LifeboatException e) {
            if (!source.equals(target)) {
                SafeFiles.deleteRecursively(target);
            }
            throw e;
        } finally {
            AgeFiles.deleteQuietly(plain);
        }
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
