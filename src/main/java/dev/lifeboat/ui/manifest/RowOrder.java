package dev.lifeboat.ui.manifest;

import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * How the backups table sorts. The table's own sort compares cell values: per comparison it builds
 * each row's cell value through the column's factory and compares strings with a collator, which at
 * 35,000 rows held the FX thread for a second. Here each column names an order over fields the row
 * computed when it was made ({@link BackupRow}), and the shown rows are sorted with one comparator
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
     * Takes over the table's sorting: a click on a header hands the order to {@code sort} (which
     * shows the rows in it, see {@link RowView}); the table's own sort, over its cell values, never
     * runs. The same order asked again (the table asks whenever it thinks it should) is not passed on.
     */
    static void install(TableView<BackupRow> table, Consumer<Comparator<BackupRow>> sort) {
        List<Object> last = new ArrayList<>();
        table.setSortPolicy(t -> {
            List<Object> now = new ArrayList<>();
            for (TableColumn<BackupRow, ?> column : t.getSortOrder()) {
                now.add(column);
                now.add(column.getSortType());
            }
            if (!now.equals(last)) {
                last.clear();
                last.addAll(now);
                sort.accept(of(t.getSortOrder()));
            }
            return true;
        });
    }

    /** The sort order's columns, each ascending or descending; null (the catalog's order) for none. */
    static ColumnSort of(List<TableColumn<BackupRow, ?>> sortOrder) {
        List<Comparator<BackupRow>> orders = new ArrayList<>();
        List<Boolean> descending = new ArrayList<>();
        boolean kept = false;
        for (TableColumn<BackupRow, ?> column : sortOrder) {
            if (!column.isSortable() || column.getSortType() == null) {
                continue;
            }
            kept |= orders.isEmpty() && column.getProperties().get(KEY) != null;
            orders.add(orderOf(column));
            descending.add(column.getSortType() == TableColumn.SortType.DESCENDING);
        }
        return ColumnSort.of(orders, descending, kept);
    }

    /** The orders the table's sortable columns named, left to right: what a click may ask for. */
    static List<Comparator<BackupRow>> named(TableView<BackupRow> table) {
        List<Comparator<BackupRow>> orders = new ArrayList<>();
        for (TableColumn<BackupRow, ?> column : table.getColumns()) {
            if (column.isSortable() && column.getProperties().get(KEY) instanceof Comparator<?> order) {
                @SuppressWarnings("unchecked")
                Comparator<BackupRow> named = (Comparator<BackupRow>) order;
                orders.add(named);
            }
        }
        return orders;
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
