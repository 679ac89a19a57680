package dev.lifeboat.core.manifest;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Removes a backup's file and its manifest entry together, in an order a crash cannot turn into an
 * entry without its file: the file is first renamed aside, then the entry removed, then the file
 * deleted. If the manifest cannot be changed the file is put back.
 */
public final class BackupDeleter {
    private static final Logger LOG = LoggerFactory.getLogger(BackupDeleter.class);

    private BackupDeleter() {
    }

    public static void delete(ManifestStore store, String id) {
        BackupEntry entry = store.find(id);
        Path file = entry.file() == null ? null : store.fileOf(entry);
        Path aside = file == null ? null : file.resolveSibling(file.getFileName() + ".deleting");
        try {
            if (file != null && Files.exists(file)) {
                Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            }
            try {
                store.update(m -> m.withRemoved(entry.effectiveId()));
            } catch (LifeboatException e) {
                if (aside != null && Files.exists(aside)) {
                    Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
                }
                throw e;
            }
            if (aside != null) {
                Files.deleteIfExists(aside);
            }
            if (entry.globals() != null && entry.globals().file() != null) {
                Files.deleteIfExists(store.folder().resolve(entry.globals().file()));
            }
            LOG.info("Deleted backup {} ({})", entry.effectiveId(), entry.file());
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot delete " + file + ": " + e.getMessage(), e);
        }
    }
}
