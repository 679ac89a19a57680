package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.EntrySummary;
import dev.lifeboat.core.manifest.ManifestStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Rows made from a folder's summaries, with whether each backup's file is there, and prepared (off the FX thread). */
final class FolderRows {
    private FolderRows() {
    }

    /** The folder is listed once: one listing instead of a check per backup. */
    static List<BackupRow> of(ManifestStore s, List<EntrySummary> summaries, Consumer<BackupRow> prepare) {
        Set<String> present = filesIn(s.folder());
        List<BackupRow> rows = new ArrayList<>(summaries.size());
        for (EntrySummary e : summaries) {
            String file = e.entry().file();
            BackupRow row = BackupRow.of(e, file != null && (present.contains(file) || Files.isRegularFile(s.folder().resolve(file))));
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

    private static Set<String> filesIn(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(HashSet::new));
        } catch (IOException e) {
            return Set.of();
        }
    }
}
