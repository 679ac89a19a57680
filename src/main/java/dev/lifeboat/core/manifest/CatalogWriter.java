package dev.lifeboat.core.manifest;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The writing half of {@link ManifestStore}: the folder's lock (in this process and across processes),
 * a change committed as one journal line, and the compaction that folds the journal into the snapshot
 * (decision 007). Every method that changes files runs inside {@link #locked}.
 */
final class CatalogWriter {
    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    /** Below this size every change rewrites the snapshot: it costs no more than appending. */
    private static final long COMPACT_ALWAYS_BELOW = 2L << 20;
    /** Above it, the journal is folded in when it reaches this fraction of the snapshot (amortised O(1)). */
    private static final long COMPACT_WHEN_JOURNAL_IS_ONE_IN = 64;

    private final ManifestStore store;
    private final SnapshotFile snapshots;
    private final Path folder;

    CatalogWriter(ManifestStore store, SnapshotFile snapshots) {
        this.store = store;
        this.snapshots = snapshots;
        this.folder = store.folder();
    }

    private Path lockFile() {
        return folder.resolve("." + ManifestStore.FILE_NAME + ".lock");
    }

    Void commit(List<JournalChange> changes) {
        CatalogJournal.Read journal = CatalogJournal.read(store.journalFile(), 0);
        long snapshotSize = sizeOrZero(store.manifestFile());
        if (snapshotSize <= COMPACT_ALWAYS_BELOW || !snapshots.indexIsCurrent()) {
            compactWith(journal, changes); // small: rewriting is as cheap as appending and keeps the JSON whole
            return null;
        }
        try {
            long end = CatalogJournalWriting.append(store.journalFile(), journal, changes);
            if (end * COMPACT_WHEN_JOURNAL_IS_ONE_IN >= snapshotSize) {
                compactWith(CatalogJournal.read(store.journalFile(), 0), List.of());
            }
            return null;
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    void compactWith(CatalogJournal.Read journal, List<JournalChange> changes) {
        CatalogIndex.Snapshot snapshot = snapshots.index(true);
        CatalogState state = new CatalogState(snapshot);
        state.applyAll(journal);
        if (!changes.isEmpty()) {
            state.apply(changes);
        }
        try (FileChannel old = snapshots.open(snapshot)) {
            snapshots.compact(state, old);
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    void writeWhole(Manifest manifest) {
        try {
            byte[] data = Json.MAPPER.writeValueAsBytes(manifest);
            Path file = store.manifestFile();
            if (Files.isRegularFile(file)) {
                SafeFiles.writeAtomically(store.backupCopy(), Files.readAllBytes(file));
            }
            SafeFiles.writeAtomically(file, data);
            CatalogJournalWriting.clear(store.journalFile());
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    <T> T locked(Supplier<T> work) {
        SafeFiles.ensureFolder(folder);
        ReentrantLock local = IN_PROCESS_LOCKS.computeIfAbsent(store.manifestFile(), p -> new ReentrantLock());
        local.lock();
        try (FileChannel lockChannel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            SafeFiles.ownerOnly(lockFile());
            return work.get();
        } catch (IOException e) {
            throw ioError(e);
        } finally {
            local.unlock();
        }
    }

    LifeboatException ioError(IOException e) {
        if (SafeFiles.isDiskFull(e)) {
            return new LifeboatException(ErrorCode.DISK_FULL, "The disk holding " + folder + " is full, so the "
                    + "manifest could not be saved; the previous manifest is unchanged. Free some space and try again.", e);
        }
        return new LifeboatException(ErrorCode.IO_ERROR, "Cannot save the manifest in " + folder + ": "
                + e.getMessage() + ". The previous manifest is unchanged.", e);
    }
}
