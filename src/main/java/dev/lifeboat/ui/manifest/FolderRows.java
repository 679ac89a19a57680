package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.EntrySummary;
import dev.lifeboat.core.manifest.FolderNames;
import dev.lifeboat.core.manifest.ManifestStore;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
        FolderNames listing = FolderNames.of(s.folder());
        List<BackupRow> rows = new ArrayList<>(summaries.size());
        for (EntrySummary e : summaries) {
            BackupRow row = BackupRow.of(e, exists(listing, s, e.entry().file(), e.entry().effectiveId()));
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

    /** Whether the entry's file is there: from the listing where it can say, else by the store's exact check. */
    private static boolean exists(FolderNames listing, ManifestStore s, String file, String entryId) {
        if (file == null) {
            return false;
        }
        if (listing.answersFor(file)) {
            if (listing.has(file)) {
                return true;
            }
            if (listing.surelyAbsent(file)) {
                return false; // no stat per missing file
            }
        }
        return s.fileExists(file, entryId);
    }
}
