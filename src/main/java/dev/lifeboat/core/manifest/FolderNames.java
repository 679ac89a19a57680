package dev.lifeboat.core.manifest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The names in a backup folder from one listing, and what that listing can say for a name an entry
 * gives without a look at the file: at 35,000 backups a stat per entry was most of the work. Used by
 * Health and by the app's table; where it cannot answer, {@link ManifestStore}'s exact check does.
 */
public final class FolderNames {
    private final Set<String> names;
    private final boolean listed;
    /** The names in lower case, made when first needed: a name found only so may be the same file on a case-insensitive file system. */
    private Set<String> lowerNames;

    private FolderNames(Set<String> names, boolean listed) {
        this.names = names;
        this.listed = listed;
    }

    /** One listing of {@code folder} (an unreadable one lists nothing, and every name gets the exact check). */
    public static FolderNames of(Path folder) {
        Set<String> names = new HashSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder)) {
            for (Path p : dir) {
                names.add(p.getFileName().toString());
            }
        } catch (IOException | RuntimeException e) {
            return new FolderNames(Set.of(), false);
        }
        return new FolderNames(names, true);
    }

    /** Every name in the folder (none when it could not be listed). */
    public Set<String> names() {
        return names;
    }

    /** Whether the listing can answer for {@code name}: the folder was listed and the name is one plain path element. */
    public boolean answersFor(String name) {
        return listed && isPlain(name);
    }

    /** Whether the listing has exactly this name. */
    public boolean has(String name) {
        return names.contains(name);
    }

    /**
     * Whether a plain name missing from the listing is surely not in the folder: not when the listing has it in
     * another case, or it has letters a file system may store otherwise (non-ASCII, a trailing dot or space).
     */
    public boolean surelyAbsent(String name) {
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

    /** A name of one path element in the folder itself, which {@link ManifestStore#fileOf} takes as it is. */
    static boolean isPlain(String name) {
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
}
