package dev.lifeboat.ui.manifest;

import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.Comparator;
import java.util.List;

/**
 * How the backups table sorts. The table's own sort compares cell values: per comparison it builds
 * each row's cell value through the column's factory and compares strings with a collator, which at
 * 35,000 rows held the FX thread for a second. Here each column names an order over fields the row
 * computed when it was made ({@link BackupRow}), and the table's sorted list gets one comparator
 * made of them: a sort of 35,000 rows only compares numbers and plain strings.
 */
public final class RowOrder {
    private static final Object KEY = RowOrder.class;

    private RowOrder() {
    }

    /** The order a column sorts by (ascending); a column without one sorts by its cell values. */
    public static void set(TableColumn<BackupRow, ?> column, Comparator<BackupRow> order) {
        column.getProperties().put(KEY, order);
    }

    /**
     * Takes over the table's sorting: its items must be the sorted list the column filters put
     * between the rows and the table (its comparator is no longer the table's slow one).
     */
    static void install(TableView<BackupRow> table) {
        ObservableList<BackupRow> items = table.getItems();
        if (!(items instanceof SortedList<BackupRow> sorted)) {
            return; // not the shape expected: the table's own sort still sorts, only slower
        }
        sorted.comparatorProperty().unbind();
        table.setSortPolicy(t -> {
            sorted.setComparator(of(t.getSortOrder()));
            return true;
        });
    }

    /** The sort order's columns, each ascending or descending; null (the catalog's order) for none. */
    static Comparator<BackupRow> of(List<TableColumn<BackupRow, ?>> sortOrder) {
        Comparator<BackupRow> all = null;
        for (TableColumn<BackupRow, ?> column : sortOrder) {
            if (!column.isSortable() || column.getSortType() == null) {
                continue;
            }
            Comparator<BackupRow> one = orderOf(column);
            if (column.getSortType() == TableColumn.SortType.DESCENDING) {
                one = one.reversed();
            }
            all = all == null ? one : all.thenComparing(one);
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private static <T> Comparator<BackupRow> orderOf(TableColumn<BackupRow, T> column) {
        Object order = column.getProperties().get(KEY);
        if (order != null) {
            return (Comparator<BackupRow>) order;
        }
        Comparator<T> cells = column.getComparator();
        return (a, b) -> cells.compare(column.getCellData(a), column.getCellData(b));
    }
}
