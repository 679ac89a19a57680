package dev.lifeboat.ui.manifest;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Each column's order ({@link ColumnOrder}) over the catalog's current rows, computed once per set of
 * rows in the background, so that a click on a header only walks a ready order. When the rows
 * change by a few (another process added a backup, one was verified or deleted), each order kept
 * for the previous rows is merged with the change instead of sorted again ({@link CatalogChange}); a
 * whole read sorts again. An order asked for before it is computed is computed by the one who asks
 * (or waited for, when another thread computes it already).
 */
final class ColumnOrders {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ColumnOrders.class);

    /** One set of the catalog's rows and the orders computed over it. */
    static final class Rows {
        private final List<BackupRow> catalog;
        /** The rows before, while their orders can still be merged into these (dropped after). */
        private volatile Rows before;
        private CatalogChange change;
        private boolean changeKnown;
        private final Map<Object, CompletableFuture<ColumnOrder>> orders = new ConcurrentHashMap<>();

        private Rows(List<BackupRow> catalog, Rows before) {
            this.catalog = catalog;
            this.before = before;
        }

        /** How the rows changed from the ones before (null: sort again); computed once. */
        private synchronized CatalogChange change() {
            Rows b = before;
            if (!changeKnown && b != null) {
                change = CatalogChange.of(b.catalog, catalog);
                changeKnown = true;
            }
            return change;
        }
    }

    private volatile Rows current;

    /** The catalog's rows changed ({@code catalog}: a copy in the catalog's order, never changed after; null: too few to keep orders). FX thread. */
    void rowsChanged(List<BackupRow> catalog) {
        Rows before = current;
        if (before != null) {
            before.before = null; // one step back at most
        }
        current = catalog == null ? null : new Rows(catalog, before);
    }

    /** The current rows (null: none kept). */
    Rows current() {
        return current;
    }

    /** The order by {@code order} over the current rows when it is computed already; else null (never waits). */
    ColumnOrder ready(Object order) {
        Rows r = current;
        CompletableFuture<ColumnOrder> f = r == null ? null : r.orders.get(order);
        return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
    }

    /** The rows {@code sort} shows after {@code filter} (null: all), from the first column's order over {@code rows}. */
    static List<BackupRow> sorted(Rows rows, ColumnSort sort, Predicate<BackupRow> filter) {
        return get(rows, sort.first()).rows(sort.descending(), filter, sort.then());
    }

    /** The order by {@code order} over {@code rows}: computed here, or waited for when another thread computes it. */
    static ColumnOrder get(Rows rows, java.util.Comparator<BackupRow> order) {
        CompletableFuture<ColumnOrder> mine = new CompletableFuture<>();
        CompletableFuture<ColumnOrder> f = rows.orders.putIfAbsent(order, mine);
        if (f != null) {
            return f.join();
        }
        try {
            mine.complete(compute(rows, order));
        } catch (RuntimeException | Error e) {
            rows.orders.remove(order, mine);
            mine.completeExceptionally(e);
        }
        return mine.join();
    }

    private static ColumnOrder compute(Rows rows, java.util.Comparator<BackupRow> order) {
        long t0 = System.nanoTime();
        Rows before = rows.before;
        CompletableFuture<ColumnOrder> previous = before == null ? null : before.orders.get(order);
        ColumnOrder done;
        String how;
        if (previous != null && previous.isDone() && !previous.isCompletedExceptionally() && rows.change() != null) {
            done = previous.join().merged(rows.change());
            how = "merged";
        } else {
            done = ColumnOrder.of(rows.catalog, order);
            how = "sorted";
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("Column order {} over {} rows in {} ms", how, done.size(), (System.nanoTime() - t0) / 1_000_000);
        }
        return done;
    }

    /** Computes each of {@code orders} over {@code rows}, in turn, while they are still the current rows (a background job). */
    void warm(Rows rows, List<java.util.Comparator<BackupRow>> orders) {
        long t0 = System.nanoTime();
        long cpu0 = LOG.isDebugEnabled() ? java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : 0;
        try {
            for (java.util.Comparator<BackupRow> order : orders) {
                if (current != rows) {
                    return; // changed meanwhile: the new rows are warmed by their own job
                }
                get(rows, order);
            }
            rows.before = null;
            if (LOG.isDebugEnabled()) {
                LOG.debug("Sorts warmed: {} column orders over {} rows in {} ms (CPU {} ms)", orders.size(), rows.catalog.size(),
                        (System.nanoTime() - t0) / 1_000_000,
                        (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // A column's order failed: a click on it sorts in the background as before (and says so there).
            LOG.debug("A column's order could not be computed ahead: {}", e.toString());
        }
    }
}
