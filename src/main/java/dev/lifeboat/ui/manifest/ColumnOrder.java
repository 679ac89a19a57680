package dev.lifeboat.ui.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * One column's order over one set of the catalog's rows, computed once (off the FX thread): the rows
 * ascending, rows equal by the order in the catalog's order (a stable sort of the catalog), and where
 * each run of equal rows starts. A click then only walks it: ascending as it is, descending run by run
 * from the last (each run still in the catalog's order, as the stable sort by the reversed order has
 * them), a filter by skipping rows, a second sort column by sorting within each run. The same rows in
 * the same order as {@code List.sort} of the filtered catalog by the column's comparator gives.
 */
final class ColumnOrder {
    private final Comparator<BackupRow> order;
    private final BackupRow[] sorted;
    /** Index i starts a run of rows equal by the order. */
    private final BitSet starts;

    private ColumnOrder(Comparator<BackupRow> order, BackupRow[] sorted) {
        this.order = order;
        this.sorted = sorted;
        this.starts = new BitSet(sorted.length);
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || order.compare(sorted[i - 1], sorted[i]) != 0) {
                starts.set(i);
            }
        }
    }

    /** The order of {@code catalog} (in the catalog's order) by {@code order}: one stable sort. */
    static ColumnOrder of(List<BackupRow> catalog, Comparator<BackupRow> order) {
        BackupRow[] rows = catalog.toArray(new BackupRow[0]);
        Arrays.sort(rows, order); // TimSort: stable
        return new ColumnOrder(order, rows);
    }

    /**
     * This order after the catalog changed by {@code change} (a few rows added, replaced or removed,
     * the others in the same relative order): the removed rows dropped and the added ones merged in
     * where the stable sort of the new catalog puts them, without sorting everything again.
     */
    ColumnOrder merged(CatalogChange change) {
        Comparator<BackupRow> stable = order.thenComparingInt(change::position);
        BackupRow[] added = change.added().toArray(new BackupRow[0]);
        Arrays.sort(added, stable);
        BackupRow[] out = new BackupRow[change.size()];
        int n = 0;
        int a = 0;
        for (BackupRow r : sorted) {
            if (change.removed(r)) {
                continue;
            }
            while (a < added.length && stable.compare(added[a], r) < 0) {
                out[n++] = added[a++];
            }
            out[n++] = r;
        }
        while (a < added.length) {
            out[n++] = added[a++];
        }
        if (n != out.length) {
            throw new IllegalStateException("merged " + n + " rows of " + out.length);
        }
        return new ColumnOrder(order, out);
    }

    /** How many rows. */
    int size() {
        return sorted.length;
    }

    /**
     * The rows that pass {@code filter} (null: all), ascending or descending, each run of equal rows
     * sorted by {@code then} (null: kept in the catalog's order); a new list.
     */
    List<BackupRow> rows(boolean descending, Predicate<BackupRow> filter, Comparator<BackupRow> then) {
        if (!descending && filter == null && then == null) {
            return new ArrayList<>(Arrays.asList(sorted));
        }
        List<BackupRow> out = new ArrayList<>(filter == null ? sorted.length : 256);
        int n = sorted.length;
        if (descending) {
            for (int end = n; end > 0; ) {
                int from = starts.previousSetBit(end - 1);
                run(out, from, end, filter, then);
                end = from;
            }
        } else {
            for (int from = 0; from < n; ) {
                int end = starts.nextSetBit(from + 1);
                end = end < 0 ? n : end;
                run(out, from, end, filter, then);
                from = end;
            }
        }
        return out;
    }

    private void run(List<BackupRow> out, int from, int end, Predicate<BackupRow> filter, Comparator<BackupRow> then) {
        int first = out.size();
        for (int i = from; i < end; i++) {
            if (filter == null || filter.test(sorted[i])) {
                out.add(sorted[i]);
            }
        }
        if (then != null && out.size() - first > 1) {
            out.subList(first, out.size()).sort(then);
        }
    }
}
