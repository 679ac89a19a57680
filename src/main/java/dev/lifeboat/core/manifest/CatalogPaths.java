package dev.lifeboat.core.manifest;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where the files a manifest names lie, checked to be inside the backup folder: a manifest is data,
 * and an entry must never make Lifeboat read, overwrite or delete a file outside it. Split out of
 * {@link ManifestStore}, which answers for it.
 */
final class CatalogPaths {
    private final Path folder;

    CatalogPaths(Path folder) {
        this.folder = folder;
    }

    /** See {@link ManifestStore#fileOf(BackupEntry)}. */
    Path fileOf(String name, String entryId) {
        if (name != null) {
            Path direct;
            try {
                direct = folder.resolve(name).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                direct = null;
            }
            int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            if ((direct == null || !Files.exists(direct)) && cut >= 0 && cut < name.length() - 1) {
                String besideName = name.substring(cut + 1);
                if (direct == null || !direct.startsWith(folder) || Files.exists(folder.resolve(besideName))) {
                    return inside(besideName, entryId);
                }
            }
        }
        return inside(name, entryId);
    }

    /**
     * A path named in the manifest, resolved in the folder; refused unless it and, following every
     * symbolic link, its real location lie inside the folder.
     */
    Path inside(String name, String entryId) {
        if (name == null || name.isBlank()) {
            throw outside(name, entryId, "it names no file");
        }
        Path p = folder.resolve(name).normalize();
        if (!p.startsWith(folder) || p.equals(folder)) {
            throw outside(name, entryId, "the path leaves the folder");
        }
        Path realFolder;
        try {
            realFolder = folder.toRealPath();
        } catch (IOException e) {
            return p; // no folder yet: nothing in it can point anywhere
        }
        Path probe = p;
        while (probe != null && !Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) {
            probe = probe.getParent();
        }
        if (probe == null) {
            return p;
        }
        try {
            Path real = probe.toRealPath();
            if (!real.startsWith(realFolder)) {
                throw outside(name, entryId, "it leads to " + real + " through a symbolic link");
            }
        } catch (IOException e) {
            throw outside(name, entryId, "a symbolic link on the way leads nowhere");
        }
        return p;
    }

    private LifeboatException outside(String name, String entryId, String why) {
        return new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "The manifest entry " + entryId + " names the file '"
                + name + "', which is not inside the backup folder " + folder + " (" + why + "). Lifeboat will not "
                + "read, write or delete it. Correct the entry's \"file\" in the manifest, or remove the entry.");
    }
}
