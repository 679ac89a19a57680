package dev.lifeboat.core.manifest;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes a backup's files and its manifest entry together, crash-safe: one atomic manifest write
 * removes the entry and records its files as pending deletes; then the files go; then the pending
 * list is cleared. An interruption at any point leaves no entry without its file and no file the
 * manifest does not name; {@link #finishPending} completes what was left.
 */
public final class BackupDeleter {
    private static final Logger LOG = LoggerFactory.getLogger(BackupDeleter.class);

    private final ManifestStore store;
    private final Runnable betweenEntryAndFiles;

    public BackupDeleter(ManifestStore store) {
        this(store, () -> { });
    }

    /** With a hook run between the two steps; tests use it to simulate a crash there. */
    public BackupDeleter(ManifestStore store, Runnable betweenEntryAndFiles) {
        this.store = store;
        this.betweenEntryAndFiles = betweenEntryAndFiles;
    }

    public static void delete(ManifestStore store, String id) {
        new BackupDeleter(store).delete(id);
    }

    public void delete(String id) {
        // A prune names what goes from the retention facts it planned on: while they are still the catalog's
        // (neither snapshot nor journal changed since), they give the id, file and roles file, and no whole
        // entry is found and parsed (issue 15). Otherwise, or for a prefix or "latest", the entry is found.
        List<RetentionFacts> same = store.factsCache().currentWithId(id);
        String entryId;
        String file;
        String rolesFile;
        if (same != null && !same.isEmpty()) {
            Manifest.requireUniqueId(id, same.size()); // as find does: never one change written to two entries
            entryId = same.get(0).id();
            file = same.get(0).file();
            rolesFile = same.get(0).rolesFile();
        } else {
            BackupEntry entry = store.find(id);
            entryId = entry.effectiveId();
            file = entry.file();
            rolesFile = entry.globals() == null ? null : entry.globals().file();
        }
        List<String> files = new ArrayList<>();
        if (file != null) {
            store.fileOf(file, entryId); // refuses, before anything changes, an entry whose file lies outside the folder
            files.add(file);
        }
        if (rolesFile != null) {
            store.inside(rolesFile, entryId);
            files.add(rolesFile);
        }
        store.remove(entryId, files);
        betweenEntryAndFiles.run();
        finishPending();
        LOG.info("Deleted backup {} ({})", entryId, String.join(", ", files));
    }

    /** Deletes the files a previous, interrupted delete left pending. Returns how many it removed. */
    public int finishPending() {
        List<String> pending = store.pending();
        if (pending.isEmpty()) {
            return 0;
        }
        int removed = 0;
        for (String name : pending) {
            Path file;
            try {
                file = store.inside(name, "(pending delete)");
            } catch (LifeboatException e) {
                LOG.warn("Not deleting a pending file: {}", e.getMessage());
                continue; // a manifest never names files outside its folder; never act on one that does
            }
            try {
                if (dev.lifeboat.core.util.SafeFiles.deleteRecursively(file)) { // a directory backup is a folder
                    removed++;
                }
            } catch (IOException e) {
                throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot delete " + file + ": " + e.getMessage()
                        + ". It stays listed as pending and is removed on the next prune.", e);
            }
        }
        store.clearPending(pending);
        return removed;
    }
}
