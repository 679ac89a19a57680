package dev.lifeboat.core.health;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupFileNames;
import dev.lifeboat.core.manifest.FolderNames;
import dev.lifeboat.core.manifest.ManifestStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Whether the files entries name are there and inside the folder, answered from one listing of it:
 * at 35,000 backups resolving each entry's path (its real path, following every link) was most of a
 * health check. The listing answers for a plain name; the store's exact check ({@link ManifestStore#fileOf},
 * {@link ManifestStore#inside}) answers wherever it cannot: a symbolic link, a path with a separator, a name
 * the listing may spell differently (a case-insensitive or normalising file system).
 */
final class FolderListing {
    private final ManifestStore store;
    private final FolderNames listing;

    private FolderListing(ManifestStore store, FolderNames listing) {
        this.store = store;
        this.listing = listing;
    }

    /** One listing of the store's folder (an unreadable one lists nothing, and every name gets the exact check). */
    static FolderListing of(ManifestStore store) {
        return new FolderListing(store, FolderNames.of(store.folder()));
    }

    /** Every name in the folder. */
    Set<String> names() {
        return listing.names();
    }

    /**
     * Whether the entry's file is there: a regular file, or a directory-format backup's folder.
     * @throws LifeboatException when the entry points outside the folder, as {@link ManifestStore#fileOf} does
     */
    boolean exists(String file, String entryId) {
        if (listing.answersFor(file)) {
            if (listing.has(file)) {
                BasicFileAttributes a = plainAttributes(file);
                if (a != null) {
                    // Neither a link nor anything else that could lead out: its real path is the folder's plus its name.
                    return a.isRegularFile() || a.isDirectory() && isDirectoryBackupName(file);
                }
            } else if (listing.surelyAbsent(file)) {
                return false; // fileOf would resolve it to the folder itself, which is inside
            }
        }
        return ManifestStore.isBackupAt(store.fileOf(file, entryId), file);
    }

    /** Refuses a path that lies outside the folder, as {@link ManifestStore#inside} does. */
    void checkInside(String name, String entryId) {
        if (listing.answersFor(name)
                && (listing.has(name) ? plainAttributes(name) != null : listing.surelyAbsent(name))) {
            return;
        }
        store.inside(name, entryId);
    }

    /** The attributes of a listed name that is neither a symbolic link nor special; null when the exact check must answer. */
    private BasicFileAttributes plainAttributes(String name) {
        try {
            BasicFileAttributes a = Files.readAttributes(store.folder().resolve(name), BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return a.isRegularFile() || a.isDirectory() ? a : null;
        } catch (IOException | RuntimeException e) {
            return null; // gone since the listing, or unreadable
        }
    }

    private static boolean isDirectoryBackupName(String name) {
        return name.endsWith(BackupFileNames.DIRECTORY_SUFFIX);
    }
}
