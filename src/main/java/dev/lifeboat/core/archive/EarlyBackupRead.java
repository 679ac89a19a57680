package dev.lifeboat.core.archive;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A restore's or full verify's first reads, made on another thread while the command line is still
 * being read (decision 011): the backup's manifest entry (2,000 tables' entry is 40-50 ms of a cold
 * JVM's parse) and its archive's table of contents, decoded into the per-file-version cache the plan
 * reads. The command takes the entry once, for the same folder and id; a failure is left to the
 * command, which reads again and reports it as it always did. Nothing is written.
 */
public final class EarlyBackupRead {
    private static final AtomicReference<EarlyBackupRead> PENDING = new AtomicReference<>();

    private final Path folder;
    private final String id;
    private final CompletableFuture<BackupEntry> entry = new CompletableFuture<>();

    private EarlyBackupRead(Path folder, String id) {
        this.folder = folder;
        this.id = id;
    }

    /**
     * Starts reading backup {@code id} (or "latest") of the folder's manifest, and its table of contents.
     *
     * @return the entry as it is read, for other early work that needs it (a full verify's connection)
     */
    public static CompletableFuture<BackupEntry> start(Path folder, String id) {
        EarlyBackupRead early = new EarlyBackupRead(folder.toAbsolutePath().normalize(), id);
        PENDING.set(early);
        Thread t = new Thread(() -> {
            BackupEntry e;
            try {
                ManifestStore store = new ManifestStore(early.folder);
                e = store.find(id);
                early.entry.complete(e);
                if (!e.isEncrypted() && BackupFormat.fromLabel(e.format()) == BackupFormat.CUSTOM) {
                    ArchiveInspector.restoredByDefault(store.fileOf(e));
                }
            } catch (RuntimeException ex) {
                early.entry.completeExceptionally(ex);
            }
        }, "lifeboat-read-backup");
        t.setDaemon(true);
        t.start();
        return early.entry.copy();
    }

    /** The backup's entry: the one read early for this store's folder and id, else read from the store now. */
    public static BackupEntry find(ManifestStore store, String id) {
        return take(store.folder(), id).orElseGet(() -> store.find(id));
    }

    /**
     * The entry read early for this folder and id, once; empty when none was started for them or the
     * read failed (the caller reads it again and reports what it finds).
     */
    public static Optional<BackupEntry> take(Path folder, String id) {
        EarlyBackupRead early = PENDING.get();
        if (early == null || !early.folder.equals(folder.toAbsolutePath().normalize()) || !early.id.equals(id)
                || !PENDING.compareAndSet(early, null)) {
            return Optional.empty();
        }
        try {
            return Optional.of(early.entry.join());
        } catch (CompletionException e) {
            return Optional.empty();
        }
    }
}
