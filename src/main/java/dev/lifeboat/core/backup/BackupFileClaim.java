package dev.lifeboat.core.backup;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.BackupFileNames;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;

/**
 * Names a backup's files (the dump, its partial file, the roles file beside it) and claims them in
 * the backup folder, so that two backups started at once never share one.
 */
final class BackupFileClaim {
    private final ManifestStore store;

    BackupFileClaim(ManifestStore store) {
        this.store = store;
    }

    /** The roles file beside a dump; encrypted (.age) beside an encrypted dump. */
    static Path globalsFile(Path dumpFile) {
        return dumpFile.resolveSibling(stem(dumpFile) + BackupFileNames.ROLES_SUFFIX
                + (dumpFile.getFileName().toString().endsWith(".age") ? ".age" : ""));
    }

    static Path partialOf(Path finalFile) {
        return finalFile.resolveSibling(finalFile.getFileName() + BackupFileNames.PARTIAL_SUFFIX);
    }

    /**
     * Picks the backup's file name and claims it by creating its partial file (CREATE_NEW is atomic):
     * two backups of one database started in the same second, in one process or two, get distinct
     * files, and neither ever writes or deletes the other's.
     */
    Path claimFile(String database, OffsetDateTime when, Journal.Intent intent, String suffix)
            throws IOException {
        String base = BackupFileNames.safeName(database) + "_" + when.toLocalDateTime().format(BackupEntry.TIMESTAMP);
        for (int i = 1; ; i++) {
            Path candidate = store.folder().resolve((i == 1 ? base : base + "_" + i) + suffix);
            if (Files.exists(candidate)) {
                continue;
            }
            Path partial = partialOf(candidate);
            Path globals = globalsFile(candidate);
            // Named in the journal before they exist, so that a kill -9 leaves nothing 'recover' cannot find.
            intent.files(partial, globals, partialOf(globals));
            try {
                if (suffix.equals(BackupFileNames.DIRECTORY_SUFFIX)) {
                    Files.createDirectory(partial); // pg_dump -Fd fills an empty folder it is given
                    SafeFiles.ownerOnlyFolder(partial);
                } else {
                    Files.createFile(partial);
                }
            } catch (FileAlreadyExistsException taken) {
                continue;
            }
            // Another run may have finished this name between the check and the claim.
            if (Files.exists(candidate) || store.hasId(stem(candidate))) {
                Files.deleteIfExists(partial);
                continue;
            }
            return candidate;
        }
    }

    static String stem(Path file) {
        return BackupFileNames.stem(file.getFileName().toString());
    }
}
