package dev.lifeboat.core.health;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupFileNames;
import dev.lifeboat.core.manifest.ManifestStore;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Locale;
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
    private final Set<String> names;
    /** False when the folder could not be listed: every name gets the exact check. */
    private final boolean listed;
    /** The names in lower case, made when first needed: a name found only so may be the same file on a case-insensitive file system. */
    private Set<String> lowerNames;

    private FolderListing(ManifestStore store, Set<String> names, boolean listed) {
        this.store = store;
        this.names = names;
        this.listed = listed;
    }

    /** One listing of the store's folder (an unreadable one lists nothing, and every name gets the exact check). */
    static FolderListing of(ManifestStore store) {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(store.folder())) {
            for (Path p : dir) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            return new FolderListing(store, Set.of(), false); // an unreadable folder shows up in the manifest check
        }
        return new FolderListing(store, names, true);
    }

    /** Every name in the folder. */
    Set<String> names() {
        return names;
    }

    /**
     * Whether the entry's file is there: a regular file, or a directory-format backup's folder.
     * @throws LifeboatException when the entry points outside the folder, as {@link ManifestStore#fileOf} does
     */
    boolean exists(String file, String entryId) {
        if (listed && isPlain(file)) {
            if (names.contains(file)) {
                BasicFileAttributes a = plainAttributes(file);
                if (a != null) {
                    // Neither a link nor anything else that could lead out: its real path is the folder's plus its name.
                    return a.isRegularFile() || a.isDirectory() && isDirectoryBackupName(file);
                }
            } else if (surelyAbsent(file)) {
                return false; // fileOf would resolve it to the folder itself, which is inside
            }
        }
        Path p = store.fileOf(file, entryId);
        return Files.isRegularFile(p) || isDirectoryBackupName(file) && Files.isDirectory(p);
    }

    /** Refuses a path that lies outside the folder, as {@link ManifestStore#inside} does. */
    void checkInside(String name, String entryId) {
        if (listed && isPlain(name) && (names.contains(name) ? plainAttributes(name) != null : surelyAbsent(name))) {
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

    /**
     * Whether a plain name missing from the listing is surely not in the folder: not when the listing has it in
     * another case, or it has letters a file system may store otherwise (non-ASCII, a trailing dot or space).
     */
    private boolean surelyAbsent(String name) {
        if (lowerNames == null) {
            lowerNames = new HashSet<>(names.size() * 2);
            for (String n : names) {
                lowerNames.add(n.toLowerCase(Locale.ROOT));
            }
        }
        if (lowerNames.contains(name.toLowerCase(Locale.ROOT))) {
            return false;
        }
        char last = name.charAt(name.length() - 1);
        if (last == '.' || last == ' ') {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** A name of one path element in the folder itself, which {@code fileOf} takes as it is. */
    private static boolean isPlain(String name) {
        if (name == null || name.isBlank() || name.equals(".") || name.equals("..")) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c == '\\' || c == '\0' || c == ':') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDirectoryBackupName(String name) {
        return name.endsWith(BackupFileNames.DIRECTORY_SUFFIX);
    }
}
