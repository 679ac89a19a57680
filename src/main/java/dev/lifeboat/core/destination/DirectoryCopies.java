package dev.lifeboat.core.destination;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.BackupFileNames;
import dev.lifeboat.core.manifest.CopyRecord;
import dev.lifeboat.core.manifest.CopyState;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.util.Hashing;
import dev.lifeboat.core.util.SafeFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Copies of a directory-format backup (decision 014): every file of the folder goes under the
 * backup's name as a prefix ({@code <name>.dir/toc.dat}, ...), each is read back and compared with
 * its own SHA-256 in the entry, and the copy is recorded only when every file matched. Before the
 * first file goes, the copy is recorded as being deleted, so a failed or killed upload leaves a
 * record that the next prune finishes (deleting every file of it), never files nobody knows about.
 */
final class DirectoryCopies {
    private static final Logger LOG = LoggerFactory.getLogger(DirectoryCopies.class);
    static final String UNFINISHED = "upload not finished: its files are removed by the next prune";

    private DirectoryCopies() {
    }

    static String fileKey(String key, String name) {
        return key + "/" + name;
    }

    private static String now() {
        return OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static SortedMap<String, String> recordedFiles(BackupEntry entry) {
        SortedMap<String, String> files = ArchiveFiles.recorded(entry);
        if (files.isEmpty()) {
            throw new LifeboatException(ErrorCode.ARCHIVE_DAMAGED, "Backup " + entry.effectiveId() + " is a folder but "
                    + "its manifest entry lists no files with their SHA-256, so a copy could not be checked.");
        }
        return files;
    }

    /** Uploads every file, checks each, and records the copy; on any failure removes what it sent. */
    static CopyRecord upload(ManifestStore store, BackupEntry entry, Destination dest, String destinationName,
                             ProgressListener progress, CancelToken cancel) {
        Path local = store.fileOf(entry);
        SortedMap<String, String> files = recordedFiles(entry);
        String id = entry.effectiveId();
        String key = entry.file();
        if (!Files.isDirectory(local)) {
            throw new LifeboatException(ErrorCode.BACKUP_NOT_FOUND, "The folder of backup " + id + " (" + local
                    + ") is missing, so there is nothing to copy.");
        }
        long size;
        try {
            progress.step("Checking the " + files.size() + " files of " + local.getFileName() + " before copying them");
            List<ArchiveFiles.Difference> changed = ArchiveFiles.compare(files, ArchiveFiles.hashAll(local, cancel));
            if (!changed.isEmpty()) {
                throw new LifeboatException(ErrorCode.ARCHIVE_DAMAGED, "The local folder of backup " + id + " does not "
                        + "match its recorded SHA-256s (" + describe(changed) + "), so it was not copied (a damaged file "
                        + "would replace a good copy). Fetch it back from a good copy, or take a new backup.");
            }
            size = ArchiveFiles.size(local);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Reading " + local + " failed: " + e.getMessage(), e);
        }
        // From here on files may be at the destination: the record says so before the first one goes.
        store.update(m -> m.withReplaced(id, e -> e.withCopy(destinationName, new CopyRecord(destinationName, key,
                size, null, now(), null, CopyState.DELETING, UNFINISHED))));
        List<String> bad = new ArrayList<>();
        try {
            LOG.info("Copying backup {} ({} files) to {} ({})", id, files.size(), destinationName, dest.describe());
            int i = 0;
            for (Map.Entry<String, String> f : files.entrySet()) {
                cancel.throwIfCancelled("The copy");
                progress.step("Copying " + f.getKey() + " (" + ++i + " of " + files.size() + ") to " + destinationName);
                String fileKey = fileKey(key, f.getKey());
                dest.put(local.resolve(f.getKey()), fileKey, f.getValue(), progress, cancel);
                String back = CopyService.remoteSha256(dest, fileKey, destinationName, ProgressListener.NONE, cancel);
                if (!back.equalsIgnoreCase(f.getValue())) {
                    bad.add(f.getKey() + " read back with SHA-256 " + back + ", expected " + f.getValue());
                }
            }
            if (entry.globals() != null && entry.globals().file() != null
                    && Files.isRegularFile(store.folder().resolve(entry.globals().file()))) {
                dest.put(store.folder().resolve(entry.globals().file()), entry.globals().file(), ProgressListener.NONE, cancel);
            }
            if (!bad.isEmpty()) {
                deleteAll(dest, key, files.keySet());
            }
        } catch (RuntimeException e) {
            throw abandon(store, entry, dest, destinationName, files, e instanceof LifeboatException l ? l
                    : new LifeboatException(ErrorCode.IO_ERROR, "Copying backup " + id + " to " + destinationName
                    + " failed: " + e.getMessage(), e));
        }
        String when = now();
        if (!bad.isEmpty()) {
            CopyRecord failed = new CopyRecord(destinationName, key, size, null, when, when, CopyState.FAILED,
                    String.join("; ", bad));
            store.update(m -> m.withReplaced(id, e -> e.withCopy(destinationName, failed)));
            throw new LifeboatException(ErrorCode.VERIFY_FAILED, "The copy of backup " + id + " at " + destinationName
                    + " did not read back as written: " + String.join("; ", bad) + ". It was removed and does not "
                    + "count. Check the destination and copy again.");
        }
        CopyRecord ok = new CopyRecord(destinationName, key, size, entry.hash(), when, when, CopyState.OK, null);
        store.update(m -> m.withReplaced(id, e -> e.withCopy(destinationName, ok)));
        LOG.info("Copy of {} at {}: all {} files read back and matched", id, destinationName, files.size());
        return ok;
    }

    /**
     * After a failed or cancelled upload: removes what was sent and the pending record. When the
     * destination cannot delete now, the record stays marked so the next prune finishes it.
     */
    private static LifeboatException abandon(ManifestStore store, BackupEntry entry, Destination dest,
                                             String destinationName, SortedMap<String, String> files,
                                             LifeboatException failure) {
        try {
            deleteAll(dest, entry.file(), files.keySet());
            store.update(m -> m.withReplaced(entry.effectiveId(), e -> e.copyAt(destinationName)
                    .filter(c -> c.state() == CopyState.DELETING).isPresent() ? e.withCopy(destinationName, null) : e));
        } catch (RuntimeException cleanup) {
            LOG.warn("Could not remove the unfinished copy of {} at {} now ({}); the next prune removes it",
                    entry.effectiveId(), destinationName, cleanup.getMessage());
            failure.addSuppressed(cleanup);
        }
        return failure;
    }

    /** Deletes every file of a directory copy, then its folder where the destination has folders. */
    static void deleteAll(Destination dest, String key, Iterable<String> names) {
        for (String name : names) {
            dest.delete(fileKey(key, name));
        }
        dest.removeFolder(key);
    }

    /** Every file of the copy read back and compared with its recorded SHA-256; null when all match, else what differs. */
    static String check(BackupEntry entry, CopyRecord copy, Destination dest, ProgressListener progress,
                        CancelToken cancel) {
        SortedMap<String, String> files = recordedFiles(entry);
        List<String> problems = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> f : files.entrySet()) {
            progress.step("Reading back " + f.getKey() + " (" + ++i + " of " + files.size() + ")");
            String fileKey = fileKey(copy.key(), f.getKey());
            if (dest.stat(fileKey).isEmpty()) {
                problems.add(f.getKey() + " is missing at " + dest.describe());
                continue;
            }
            String hash = dest.readBackSha256(fileKey, ProgressListener.NONE, cancel);
            if (!hash.equalsIgnoreCase(f.getValue())) {
                problems.add(f.getKey() + " read back with SHA-256 " + hash + ", expected " + f.getValue());
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /**
     * Downloads every file into a partial folder beside the backup's (0700; recover removes it after
     * a kill), checks each against the manifest, and only then puts the folder in the backup's place.
     */
    static Path fetch(ManifestStore store, BackupEntry entry, CopyRecord copy, Destination dest, String destinationName,
                      ProgressListener progress, CancelToken cancel) throws IOException {
        SortedMap<String, String> files = recordedFiles(entry);
        Path local = store.fileOf(entry);
        Path partial = local.resolveSibling(local.getFileName() + ".fetch" + BackupFileNames.PARTIAL_SUFFIX);
        try {
            SafeFiles.deleteRecursively(partial);
            Files.createDirectories(partial);
            SafeFiles.ownerOnlyFolder(partial);
            List<String> bad = new ArrayList<>();
            int i = 0;
            for (Map.Entry<String, String> f : files.entrySet()) {
                progress.step("Fetching " + f.getKey() + " (" + ++i + " of " + files.size() + ") from " + destinationName);
                Path target = partial.resolve(f.getKey());
                dest.get(fileKey(copy.key(), f.getKey()), target, progress, cancel);
                String hash = Hashing.sha256(target, ProgressListener.NONE, cancel);
                if (!hash.equalsIgnoreCase(f.getValue())) {
                    bad.add(f.getKey() + " has SHA-256 " + hash + ", expected " + f.getValue());
                }
            }
            if (!bad.isEmpty()) {
                throw new LifeboatException(ErrorCode.ARCHIVE_DAMAGED, "The copy of backup " + entry.effectiveId()
                        + " at " + destinationName + " does not match the manifest (" + String.join("; ", bad)
                        + "). The local folder was left as it was. Try another destination.");
            }
            SafeFiles.deleteRecursively(local); // a damaged or incomplete folder; the good one replaces it
            SafeFiles.moveAtomically(partial, local);
            return local;
        } finally {
            SafeFiles.deleteRecursively(partial);
        }
    }

    /** Whether the local folder holds every recorded file with its recorded SHA-256 and nothing else. */
    static boolean localGood(ManifestStore store, BackupEntry entry, CancelToken cancel) {
        Path local = store.fileOf(entry);
        try {
            return Files.isDirectory(local) && ArchiveFiles.compare(ArchiveFiles.recorded(entry),
                    ArchiveFiles.hashAll(local, cancel)).isEmpty() && !ArchiveFiles.recorded(entry).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static String describe(List<ArchiveFiles.Difference> differences) {
        return String.join("; ", differences.stream().map(ArchiveFiles.Difference::describe).toList());
    }
}
