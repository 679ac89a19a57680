package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.EntrySummary;
import dev.lifeboat.core.manifest.ManifestStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Rows made from a folder's summaries, with whether each backup's file is there, and prepared (off the FX thread). */
final class FolderRows {
    private FolderRows() {
    }

    /**
     * The folder is listed once: a backup whose file (or directory-format folder) the listing has is
     * there, one it surely lacks is missing, both without a look at the file; the store's exact check
     * ({@link ManifestStore#fileExists}) answers the rest (a path, another machine's path, a name the
     * file system may spell otherwise).
     */
    static List<BackupRow> of(ManifestStore s, List<EntrySummary> summaries, Consumer<BackupRow> prepare) {
        Listing listing = Listing.of(s.folder());
        List<BackupRow> rows = new ArrayList<>(summaries.size());
        for (EntrySummary e : summaries) {
            BackupRow row = BackupRow.of(e, listing.exists(s, e.entry().file(), e.entry().effectiveId()));
            prepare.accept(row);
            rows.add(row);
        }
        return rows;
    }

    /** Replaces the row with the same id in {@code rows}, or inserts the new one where newest-first order puts it. */
    static void put(List<BackupRow> rows, BackupRow row) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(row.id())) {
                rows.set(i, row);
                return;
            }
        }
        int at = 0; // usually the newest backup: found at the first comparison
        while (at < rows.size() && !rows.get(at).createdAt().isBefore(row.createdAt())) {
            at++;
        }
        rows.add(at, row);
    }

    /** The names in a folder (null: it could not be listed, and every file gets the exact check). */
    private record Listing(Set<String> names, Set<String> lowerCase) {
        static Listing of(Path folder) {
            Set<String> names = new HashSet<>();
            try (Stream<Path> list = Files.list(folder)) {
                list.forEach(p -> names.add(p.getFileName().toString()));
            } catch (IOException | RuntimeException e) {
                return new Listing(null, null);
            }
            Set<String> lower = new HashSet<>(names.size() * 2);
            names.forEach(n -> lower.add(n.toLowerCase(Locale.ROOT)));
            return new Listing(names, lower);
        }

        boolean exists(ManifestStore s, String file, String entryId) {
            if (file == null) {
                return false;
            }
            if (names != null && isPlain(file)) {
                if (names.contains(file)) {
                    return true;
                }
                if (surelyAbsent(file)) {
                    return false; // no stat per missing file
                }
            }
            return s.fileExists(file, entryId);
        }

        /**
         * A plain name the listing lacks is not there, unless the listing has it in another case or it has
         * letters a file system may store otherwise (non-ASCII, a trailing dot or space).
         */
        private boolean surelyAbsent(String name) {
            char last = name.charAt(name.length() - 1);
            if (last == '.' || last == ' ' || lowerCase.contains(name.toLowerCase(Locale.ROOT))) {
                return false;
            }
            for (int i = 0; i < name.length(); i++) {
                if (name.charAt(i) >= 0x80) {
                    return false;
                }
            }
            return true;
        }

        /** One path element in the folder itself, which the store takes as it is. */
        private static boolean isPlain(String name) {
            if (name.isBlank() || name.equals(".") || name.equals("..")) {
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
}
