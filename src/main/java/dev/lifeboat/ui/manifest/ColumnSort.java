package dev.lifeboat.ui.manifest;

import java.util.Comparator;
import java.util.List;

/**
 * The table's sort as clicked: its columns' orders (each the ascending order the column names with
 * {@link RowOrder#set}), each ascending or descending, the first column first. It compares as the
 * table sorts; {@link RowView} uses its first column's ready order ({@link ColumnOrder}) instead of
 * sorting when it has one.
 */
final class ColumnSort implements Comparator<BackupRow> {
    private final Comparator<BackupRow> first;
    private final boolean descending;
    /** The other columns' orders, already reversed where descending; null when one column. */
    private final Comparator<BackupRow> then;
    private final Comparator<BackupRow> all;
    /** The first column named its order: the same object each click, so its computed order can be kept. */
    private final boolean kept;

    private ColumnSort(Comparator<BackupRow> first, boolean descending, Comparator<BackupRow> then, boolean kept) {
        this.first = first;
        this.kept = kept;
        this.descending = descending;
        this.then = then;
        Comparator<BackupRow> one = descending ? first.reversed() : first;
        this.all = then == null ? one : one.thenComparing(then);
    }

    /**
     * Each column's ascending order with whether it sorts descending; null when the list is empty.
     * {@code kept}: the first column's order is the one it named (not made for this click).
     */
    static ColumnSort of(List<Comparator<BackupRow>> orders, List<Boolean> descending, boolean kept) {
        if (orders.isEmpty()) {
            return null;
        }
        Comparator<BackupRow> then = null;
        for (int i = 1; i < orders.size(); i++) {
            Comparator<BackupRow> one = descending.get(i) ? orders.get(i).reversed() : orders.get(i);
            then = then == null ? one : then.thenComparing(one);
        }
        return new ColumnSort(orders.get(0), descending.get(0), then, kept);
    }

    /** The first column's ascending order: the key of its {@link ColumnOrder}. */
    Comparator<BackupRow> first() {
        return first;
    }

    /** True when the first column's order can be computed once and kept ({@link ColumnOrders}). */
    boolean kept() {
        return kept;
    }

    boolean descending() {
        return descending;
    }

    /** How rows equal by the first column are ordered (null: the catalog's order). */
    Comparator<BackupRow> then() {
        return then;
    }

    @Override
    public int compare(BackupRow a, BackupRow b) {
        return all.compare(a, b);
    }
}
