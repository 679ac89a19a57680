package dev.lifeboat.ui.manifest;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the catalog's rows changed from one set to the next, by identity (a changed entry comes as a
 * new row): the rows added, the rows removed and each row's place in the new catalog. Null from
 * {@link #of} when a merge would not be right or not cheaper: the rows that stayed changed their
 * relative order, a row is there twice, or most rows are new (a whole read).
 */
final class CatalogChange {
    private final Map<BackupRow, Integer> positions;
    private final Map<BackupRow, Boolean> removed;
    private final List<BackupRow> added;
    private final int size;

    private CatalogChange(Map<BackupRow, Integer> positions, Map<BackupRow, Boolean> removed, List<BackupRow> added, int size) {
        this.positions = positions;
        this.removed = removed;
        this.added = added;
        this.size = size;
    }

    static CatalogChange of(List<BackupRow> before, List<BackupRow> after) {
        Map<BackupRow, Integer> positions = new IdentityHashMap<>(after.size() * 2);
        for (int i = 0; i < after.size(); i++) {
            positions.put(after.get(i), i);
        }
        Map<BackupRow, Boolean> old = new IdentityHashMap<>(before.size() * 2);
        for (BackupRow r : before) {
            old.put(r, Boolean.TRUE);
        }
        if (positions.size() != after.size() || old.size() != before.size()) {
            return null; // a row twice: not a catalog
        }
        Map<BackupRow, Boolean> removed = new IdentityHashMap<>();
        for (BackupRow r : before) {
            if (!positions.containsKey(r)) {
                removed.put(r, Boolean.TRUE);
            }
        }
        List<BackupRow> added = new ArrayList<>();
        for (BackupRow r : after) {
            if (!old.containsKey(r)) {
                added.add(r);
            }
        }
        if (added.size() + removed.size() > after.size() / 4 + 16) {
            return null; // mostly new rows: sorting them is as quick
        }
        // The rows in both must keep their relative order: then every order's runs stay in the catalog's order.
        int i = 0;
        int j = 0;
        while (true) {
            while (i < before.size() && removed.containsKey(before.get(i))) {
                i++;
            }
            while (j < after.size() && !old.containsKey(after.get(j))) {
                j++;
            }
            if (i == before.size() || j == after.size()) {
                return i == before.size() && j == after.size() ? new CatalogChange(positions, removed, added, after.size()) : null;
            }
            if (before.get(i++) != after.get(j++)) {
                return null;
            }
        }
    }

    int position(BackupRow r) {
        return positions.get(r);
    }

    boolean removed(BackupRow r) {
        return removed.containsKey(r);
    }

    List<BackupRow> added() {
        return added;
    }

    /** Rows in the new catalog. */
    int size() {
        return size;
    }
}
