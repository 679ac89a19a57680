package dev.lifeboat.ui.manifest;

import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * How the backups table sorts. The table's own sort compares cell values: per comparison it builds
 * each row's cell value through the column's factory and compares strings with a collator, which at
 * 35,000 rows held the FX thread for a second. Here each column names an order over fields the row
 * computed when it was made ({@link BackupRow}), and the table's sorted list gets one comparator
 * made of them: a sort of 35,000 rows only compares numbers and plain strings.
 */
public final class RowOrder {
    private static final Object KEY = RowOrder.class;
    private static final Comparator<String> PLAIN = Comparator.nullsFirst(Comparator.naturalOrder());
    private static final AtomicInteger READS = new AtomicInteger();

    /**
     * The text columns. A sort compared these strings 500,000 times (35,000 rows), mostly along long
     * common prefixes ("hourly backup 1234…"); ranked once per whole read, off the FX thread, it compares ints.
     */
    enum Text {
        DATABASE(r -> r.entry().database()), DESCRIPTION(r -> r.entry().description()), TAGS(BackupRow::tags),
        SERVER(BackupRow::server), LAST_VERIFIED(BackupRow::lastVerified);

        private final Function<BackupRow, String> text;

        Text(Function<BackupRow, String> text) {
            this.text = text;
        }
    }

    private RowOrder() {
    }

    /** The order a column sorts by (ascending); a column without one sorts by its cell values. */
    public static void set(TableColumn<BackupRow, ?> column, Comparator<BackupRow> order) {
        column.getProperties().put(KEY, order);
    }

    /**
     * By a text column: by the texts' ranks when both rows were ranked in the same read, else by the
     * texts themselves (a row added since, from the journal). Ranks follow the texts' order, so both
     * ways agree and the order is one order.
     */
    static Comparator<BackupRow> byText(Text column) {
        int k = column.ordinal();
        return (a, b) -> a.rankedIn != 0 && a.rankedIn == b.rankedIn ? Integer.compare(a.ranks[k], b.ranks[k])
                : PLAIN.compare(column.text.apply(a), column.text.apply(b));
    }

    /** Ranks every text column of a whole read's rows; call before they are published (off the FX thread). */
    static void rank(List<BackupRow> rows) {
        BackupRow[] sorted = rows.toArray(new BackupRow[0]);
        for (BackupRow r : sorted) {
            r.ranks = new int[Text.values().length];
        }
        for (Text column : Text.values()) {
            Arrays.sort(sorted, Comparator.comparing(column.text, PLAIN));
            int rank = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i > 0 && PLAIN.compare(column.text.apply(sorted[i - 1]), column.text.apply(sorted[i])) != 0) {
                    rank++;
                }
                sorted[i].ranks[column.ordinal()] = rank;
            }
        }
        int read = READS.incrementAndGet();
        for (BackupRow r : sorted) {
            r.rankedIn = read;
        }
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
