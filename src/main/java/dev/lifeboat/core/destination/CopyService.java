package dev.lifeboat.core.destination;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.manifest.BackupEntry;
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
import java.util.function.Function;

/**
 * Off-site copies of backups: upload, read back and compare with the manifest's SHA-256, and only
 * then record the copy; check a copy again later; fetch a copy back when the local file is gone or
 * damaged. A copy counts only once it has been read back and matched.
 */
public final class CopyService {
    private static final Logger LOG = LoggerFactory.getLogger(CopyService.class);

    /** The outcome of reading a copy back. */
    public record CopyCheck(String backupId, CopyRecord copy, boolean passed, String detail) {
    }

    private final ManifestStore store;
    private final DestinationStore destinations;
    private final Function<DestinationConfig, Destination> opener;

    public CopyService(ManifestStore store) {
        this(store, new DestinationStore(store.folder()), Destinations::open);
    }

    /** With another way to open destinations; tests use it to damage or interrupt a transfer. */
    public CopyService(ManifestStore store, DestinationStore destinations, Function<DestinationConfig, Destination> opener) {
        this.store = store;
        this.destinations = destinations;
        this.opener = opener;
    }

    public DestinationStore destinations() {
        return destinations;
    }

    Destination open(String name) {
        return opener.apply(destinations.get(name));
    }

    private static String now() {
        return OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Uploads the backup (and its roles file), reads it back, compares, and records the copy. */
    public CopyRecord copy(String id, String destinationName, ProgressListener progress, CancelToken cancel) {
        BackupEntry entry = store.find(id);
        if (ArchiveFiles.isDirectoryBackup(entry)) {
            try (Destination dest = open(destinationName)) {
                return DirectoryCopies.upload(store, entry, dest, destinationName, progress, cancel);
            }
        }
        Path local = store.fileOf(entry);
        if (!Files.isRegularFile(local)) {
            throw new LifeboatException(ErrorCode.BACKUP_NOT_FOUND, "The file of backup " + entry.effectiveId() + " ("
                    + local + ") is missing, so there is nothing to copy.");
        }
        try (Destination dest = open(destinationName)) {
            progress.step("Checking " + local.getFileName() + " before copying it");
            String localHash = Hashing.sha256(local, ProgressListener.NONE, cancel);
            if (entry.hash() != null && !entry.hash().equalsIgnoreCase(localHash)) {
                throw new LifeboatException(ErrorCode.ARCHIVE_DAMAGED, "The local file of backup " + entry.effectiveId()
                        + " does not match its recorded SHA-256, so it was not copied (a damaged file would replace a "
                        + "good copy). Fetch it back from a good copy, or take a new backup.");
            }
            String key = entry.file();
            LOG.info("Copying backup {} to {} ({})", entry.effectiveId(), destinationName, dest.describe());
            dest.put(local, key, localHash, progress, cancel);
            if (entry.globals() != null && entry.globals().file() != null
                    && Files.isRegularFile(store.folder().resolve(entry.globals().file()))) {
                dest.put(store.folder().resolve(entry.globals().file()), entry.globals().file(), ProgressListener.NONE, cancel);
            }
            String remoteHash = remoteSha256(dest, key, destinationName, progress, cancel);
            String when = now();
            boolean good = remoteHash.equalsIgnoreCase(localHash);
            CopyRecord record = new CopyRecord(destinationName, key, Files.size(local), remoteHash, when, when,
                    good ? CopyState.OK : CopyState.FAILED, good ? null : "read back with SHA-256 " + remoteHash
                    + ", expected " + localHash);
            if (!good) {
                dest.delete(key);
            }
            store.update(m -> m.withReplaced(entry.effectiveId(), e -> e.withCopy(destinationName, record)));
            if (!good) {
                throw new LifeboatException(ErrorCode.VERIFY_FAILED, "The copy of backup " + entry.effectiveId()
                        + " at " + destinationName + " did not read back as written (SHA-256 " + remoteHash + ", expected "
                        + localHash + "). It was removed and does not count. Check the destination and copy again.");
            }
            LOG.info("Copy of {} at {} read back and matched (SHA-256 {})", entry.effectiveId(), destinationName, remoteHash);
            return record;
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Reading " + local + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * The SHA-256 of the stored copy: the store's own full-object checksum where it keeps one (it
     * computed it from the bytes it received), else read back here.
     */
    static String remoteSha256(Destination dest, String key, String destinationName, ProgressListener progress,
                                       CancelToken cancel) {
        var stored = dest.storedSha256(key);
        if (stored.isPresent()) {
            LOG.info("{} keeps a full-object SHA-256 of {}: checked against it instead of reading the copy back",
                    destinationName, key);
            return stored.get();
        }
        progress.step("Reading the copy back from " + destinationName);
        return dest.readBackSha256(key, progress, cancel);
    }

    /** One destination's outcome when a backup is copied to several: the copy, or why it failed. */
    public record CopyOutcome(String destination, CopyRecord copy, LifeboatException failure) {
    }

    /**
     * Copies a backup to each named destination, or, when none is named, to the folder's automatic
     * ones. One failing destination does not stop the others; a cancel does.
     */
    public List<CopyOutcome> copyToAll(String id, List<String> names, ProgressListener progress, CancelToken cancel) {
        List<String> targets = names == null || names.isEmpty()
                ? destinations.all().stream().filter(DestinationConfig::automaticOrFalse).map(DestinationConfig::name).toList()
                : names;
        targets.forEach(destinations::get); // an unknown name fails before anything is uploaded
        List<CopyOutcome> out = new ArrayList<>();
        for (String name : targets) {
            try {
                out.add(new CopyOutcome(name, copy(id, name, progress, cancel), null));
            } catch (LifeboatException e) {
                if (e.code() == ErrorCode.CANCELLED) {
                    throw e;
                }
                LOG.warn("Copy of {} to {} failed: {}", id, name, e.getMessage());
                out.add(new CopyOutcome(name, null, e));
            }
        }
        return out;
    }

    /** Reads a recorded copy back and compares it with the manifest; the result is recorded. */
    public CopyCheck check(String id, String destinationName, ProgressListener progress, CancelToken cancel) {
        BackupEntry entry = store.find(id);
        CopyRecord copy = recordedCopy(entry, destinationName);
        if (copy.state() == CopyState.DELETING) { // checking it would turn the mark the next prune finishes into a state
            throw new LifeboatException(ErrorCode.USAGE, "The copy of backup " + entry.effectiveId() + " at "
                    + destinationName + " is marked for deletion (" + copy.detail() + "): it does not count, and the next prune "
                    + "removes it. Copy the backup again to have a copy there.");
        }
        String detail;
        boolean passed;
        try (Destination dest = open(destinationName)) {
            if (ArchiveFiles.isDirectoryBackup(entry)) {
                String problems = DirectoryCopies.check(entry, copy, dest, progress, cancel);
                passed = problems == null;
                detail = passed ? "every file's SHA-256 as recorded (" + ArchiveFiles.recorded(entry).size() + " files)"
                        : problems;
            } else if (dest.stat(copy.key()).isEmpty()) {
                passed = false;
                detail = "the copy " + copy.key() + " is missing at " + dest.describe();
            } else {
                String hash = dest.readBackSha256(copy.key(), progress, cancel);
                passed = entry.hash() != null && hash.equalsIgnoreCase(entry.hash());
                detail = passed ? "SHA-256 " + hash + " as recorded"
                        : "read back with SHA-256 " + hash + ", expected " + entry.hash();
            }
        } catch (LifeboatException e) {
            if (e.code() == ErrorCode.CANCELLED) {
                throw e;
            }
            passed = false;
            detail = "could not be read: " + e.getMessage();
        }
        CopyRecord checked = copy.withCheck(now(), passed ? CopyState.OK : CopyState.FAILED, passed ? null : detail);
        store.update(m -> m.withReplaced(entry.effectiveId(), e -> e.withCopy(destinationName, checked)));
        LOG.info("Copy of {} at {}: {}", entry.effectiveId(), destinationName, passed ? "good" : "FAILED, " + detail);
        return new CopyCheck(entry.effectiveId(), checked, passed, detail);
    }

    /**
     * Brings the backup file back from a copy into the folder, replacing a missing or damaged local
     * file, and checks it against the manifest before it takes the local file's place.
     */
    public Path fetch(String id, String destinationName, ProgressListener progress, CancelToken cancel) {
        BackupEntry entry = store.find(id);
        CopyRecord copy = recordedCopy(entry, destinationName);
        Path local = store.fileOf(entry);
        Path partial = local.resolveSibling(local.getFileName() + ".fetch-partial");
        try (Destination dest = open(destinationName)) {
            if (ArchiveFiles.isDirectoryBackup(entry)) {
                SafeFiles.ensureFolder(store.folder());
                DirectoryCopies.fetch(store, entry, copy, dest, destinationName, progress, cancel);
                fetchGlobals(entry, dest, cancel);
                LOG.info("Fetched backup {} from {} (every file's SHA-256 matched)", entry.effectiveId(), destinationName);
                return local;
            }
            SafeFiles.ensureFolder(store.folder());
            dest.get(copy.key(), partial, progress, cancel);
            SafeFiles.ownerOnly(partial);
            String hash = Hashing.sha256(partial, ProgressListener.NONE, cancel);
            if (entry.hash() == null || !entry.hash().equalsIgnoreCase(hash)) {
                throw new LifeboatException(ErrorCode.ARCHIVE_DAMAGED, "The copy of backup " + entry.effectiveId()
                        + " at " + destinationName + " does not match the manifest (SHA-256 " + hash + ", expected "
                        + entry.hash() + "). The local file was left as it was. Try another destination.");
            }
            SafeFiles.moveAtomically(partial, local);
            fetchGlobals(entry, dest, cancel);
            LOG.info("Fetched backup {} from {} (SHA-256 matched)", entry.effectiveId(), destinationName);
            return local;
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Writing " + local + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }

    /** The roles file beside the backup, when it is missing locally and the destination has it. */
    private void fetchGlobals(BackupEntry entry, Destination dest, CancelToken cancel) {
        if (entry.globals() != null && entry.globals().file() != null) {
            Path globals = store.folder().resolve(entry.globals().file());
            if (!Files.isRegularFile(globals) && dest.stat(entry.globals().file()).isPresent()) {
                dest.get(entry.globals().file(), globals, ProgressListener.NONE, cancel);
                SafeFiles.ownerOnly(globals);
            }
        }
    }

    /** True when the local file (or every file of a directory backup) is present and matches the manifest. */
    public boolean localFileGood(BackupEntry entry, CancelToken cancel) {
        if (ArchiveFiles.isDirectoryBackup(entry)) {
            return DirectoryCopies.localGood(store, entry, cancel);
        }
        Path local = store.fileOf(entry);
        try {
            return Files.isRegularFile(local) && entry.hash() != null
                    && entry.hash().equalsIgnoreCase(Hashing.sha256(local, ProgressListener.NONE, cancel));
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes a small file, reads it back and deletes it: the destination works end to end. */
    public String test(String destinationName) {
        try (Destination dest = open(destinationName)) {
            Path probe = Files.createTempFile("lifeboat-probe", ".bin");
            try {
                Files.writeString(probe, "Lifeboat destination test " + now() + "\n");
                String key = ".lifeboat-test-" + System.nanoTime();
                dest.put(probe, key, ProgressListener.NONE, CancelToken.none());
                try {
                    String back = dest.readBackSha256(key, ProgressListener.NONE, CancelToken.none());
                    String sent = Hashing.sha256(probe, ProgressListener.NONE, CancelToken.none());
                    if (!back.equals(sent)) {
                        throw new LifeboatException(ErrorCode.VERIFY_FAILED, "A test file written to " + dest.describe()
                                + " read back differently. Do not rely on this destination.");
                    }
                } finally {
                    dest.delete(key);
                }
                return "wrote, read back and deleted a test file at " + dest.describe();
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot prepare the test file: " + e.getMessage(), e);
        }
    }

    private static CopyRecord recordedCopy(BackupEntry entry, String destinationName) {
        return entry.copyAt(destinationName).orElseThrow(() -> new LifeboatException(ErrorCode.BACKUP_NOT_FOUND,
                "Backup " + entry.effectiveId() + " has no copy at " + destinationName + "."
                        + (entry.copyList().isEmpty() ? "" : " It has copies at " + String.join(", ",
                        entry.copyList().stream().map(CopyRecord::destination).toList()) + ".")));
    }

    /** The destinations holding a checked, good copy of the backup. */
    public static List<String> destinationsOf(BackupEntry entry) {
        List<String> out = new ArrayList<>();
        entry.copyList().stream().filter(CopyRecord::isOk).forEach(c -> out.add(c.destination()));
        return out;
    }
}
