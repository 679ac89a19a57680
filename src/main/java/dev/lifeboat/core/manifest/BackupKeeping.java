package dev.lifeboat.core.manifest;

import java.util.List;

/**
 * Keeping or removing backups by hand, as the app's context menu and the CLI's pin, unpin and
 * delete both do: a pinned backup is never pruned; a delete removes the file and its entry together.
 */
public final class BackupKeeping {
    private final ManifestStore store;

    public BackupKeeping(ManifestStore store) {
        this.store = store;
    }

    /** Pins the backup (retention keeps it) or unpins it; returns the entry as now recorded. */
    public BackupEntry pin(String id, boolean pinned) {
        return store.replace(store.find(id).effectiveId(), e -> e.withPinned(pinned));
    }

    /**
     * Deletes each backup's files and entry, crash-safe ({@link BackupDeleter}); every id is looked up
     * before the first delete, so a mistyped one deletes nothing.
     */
    public List<String> delete(List<String> ids) {
        List<String> found = ids.stream().map(id -> store.find(id).effectiveId()).distinct().toList();
        BackupDeleter deleter = new BackupDeleter(store);
        found.forEach(deleter::delete);
        return found;
    }
}
