package dev.lifeboat.ui.manifest;

import dev.lifeboat.ui.common.FxPulses;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The rows the backups table shows: the catalog's rows filtered (search box and column filters) and
 * sorted, in one plain list the table reads. A sort or filter of a large folder is computed in the
 * background on a copy and swapped in with one {@code setAll}: the FX thread only lays out the new
 * rows. (A {@code SortedList} sorted on the FX thread and its permutation made the table's selection
 * model box a map of every index; ControlsFX's column filters put three more lists in between.)
 * The latest request wins: a sort clicked while one is computed is computed after it, and only the
 * latest result is shown. A small folder, and no sort and no filter, are shown at once.
 */
final class RowView {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RowView.class);
    /** Up to this many rows a sort costs less than a hand-off to another thread. */
    static final int AT_ONCE = 2_000;
    private final ObservableList<BackupRow> rows;
    /** A copy of the rows that is ours to sort (FX thread only). */
    private final Supplier<List<BackupRow>> copyOfRows;
    private final TaskExecutor executor;
    private final ObservableList<BackupRow> shown = FXCollections.observableArrayList();
    private Predicate<BackupRow> predicate;
    private Comparator<BackupRow> comparator;
    /** A computation runs in the background (FX thread only). */
    private boolean computing;
    /** Something changed while it ran: its result is stale, compute again (FX thread only). */
    private boolean again;
    /** From a background computation's start until its result is drawn (or it failed). */
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    /** Each column's order over the current rows, once computed: a click then walks one. */
    private final ColumnOrders orders = new ColumnOrders();
    /** The orders a click may ask for, computed in the background after the rows change (FX thread). */
    private Supplier<List<Comparator<BackupRow>>> named = List::of;

    RowView(ObservableList<BackupRow> rows, TaskExecutor executor) {
        this(rows, () -> new ArrayList<>(rows), executor);
    }

    /** @param copyOfRows a copy of {@code rows} made quicker than by walking them (the model's own list) */
    RowView(ObservableList<BackupRow> rows, Supplier<List<BackupRow>> copyOfRows, TaskExecutor executor) {
        this.rows = rows;
        this.copyOfRows = copyOfRows;
        this.executor = executor;
        rows.addListener((ListChangeListener<BackupRow>) c -> {
            rowsChanged();
            refresh();
        });
        rowsChanged();
        refresh();
    }

    /**
     * Has the orders {@code named} gives (the table's columns') computed in the background whenever the
     * rows of a large folder change, once their rows are drawn; FX thread.
     */
    void keepOrders(Supplier<List<Comparator<BackupRow>>> named) {
        this.named = named;
        rowsChanged();
    }

    /** True when the order is computed over the current rows: a click on its column walks it at once (FX thread). */
    boolean hasOrder(Comparator<BackupRow> order) {
        return orders.ready(order) != null;
    }

    private void rowsChanged() {
        if (rows.size() <= AT_ONCE) {
            orders.rowsChanged(null); // sorted at once
            return;
        }
        orders.rowsChanged(copyOfRows.get()); // a fresh copy, never changed after
        ColumnOrders.Rows now = orders.current();
        List<Comparator<BackupRow>> wanted = named.get();
        if (wanted.isEmpty()) {
            return;
        }
        // After the pulse that draws the changed rows: the window's first rows and a reload are drawn first.
        FxPulses.after(2, () -> {
            if (orders.current() == now) {
                try {
                    executor.background(() -> orders.warm(now, wanted));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // the app is stopping
                }
            }
        });
    }

    /** The list the table shows; changed only by {@code setAll}. */
    ObservableList<BackupRow> shown() {
        return shown;
    }

    /** True while a sort or filter is computed in the background and until its result is drawn (FX thread). */
    ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** Every row of the catalog, filtered or not (FX thread only). */
    List<BackupRow> all() {
        return rows;
    }

    /** Every row of the catalog, filtered or not. */
    int total() {
        return rows.size();
    }

    /** Which rows are shown (null: all); call on the FX thread. */
    void setPredicate(Predicate<BackupRow> predicate) {
        this.predicate = predicate;
        refresh();
    }

    /** Their order (null: the catalog's, newest first); call on the FX thread. */
    void setComparator(Comparator<BackupRow> comparator) {
        this.comparator = comparator;
        refresh();
    }

    private void refresh() {
        if (computing) {
            again = true;
            return;
        }
        Predicate<BackupRow> p = predicate;
        Comparator<BackupRow> c = comparator;
        if ((p == null && c == null) || rows.size() <= AT_ONCE) {
            shown.setAll(compute(copyOfRows.get(), p, c));
            return;
        }
        ColumnSort sort = c instanceof ColumnSort s && s.kept() ? s : null;
        ColumnOrders.Rows kept = sort == null ? null : orders.current();
        if (kept != null && p == null && sort.then() == null) {
            ColumnOrder ready = orders.ready(sort.first());
            if (ready != null) { // a click on a header: the column's order is ready, walk it (a millisecond)
                shown.setAll(ready.rows(sort.descending(), null, null));
                return;
            }
        }
        List<BackupRow> copy = kept != null ? null : copyOfRows.get(); // the rows change on the FX thread only: work on a copy
        computing = true;
        busy.set(true);
        try {
            background(kept, copy, p, c);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            computing = false; // the app is stopping: its executor takes no more work, and nothing is shown any more
            busy.set(false);
        }
    }

    /** Filters and sorts in the background: from the first column's kept order when {@code kept}, else {@code copy}. */
    private void background(ColumnOrders.Rows kept, List<BackupRow> copy, Predicate<BackupRow> p, Comparator<BackupRow> c) {
        int all = rows.size();
        executor.background(() -> {
            List<BackupRow> result = null;
            long t0 = System.nanoTime();
            long cpu0 = LOG.isDebugEnabled() ? java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() : 0;
            try {
                result = kept != null ? ColumnOrders.sorted(kept, (ColumnSort) c, p) : compute(copy, p, c);
                if (LOG.isDebugEnabled()) {
                    LOG.debug("Rows filtered and sorted in the background: {} of {} in {} ms (CPU {} ms)", result.size(), all,
                            (System.nanoTime() - t0) / 1_000_000,
                            (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu0) / 1_000_000);
                }
            } finally {
                List<BackupRow> done = result; // null when the order or a filter failed: shown as it was
                runOnFx(() -> finish(done));
            }
        });
    }

    private void finish(List<BackupRow> result) {
        computing = false;
        if (again) {
            again = false;
            refresh(); // the rows, the filter or the order changed meanwhile: that result is already stale
        } else {
            if (result != null) {
                shown.setAll(result);
            }
            // Idle once the pulse that lays out and draws the result has ended (unless another computation began).
            FxPulses.after(2, () -> busy.set(computing));
        }
    }

    /**
     * The filtered rows in order, from a copy that is ours to change (sorted in place when nothing is
     * filtered out); a stable sort, so rows equal by the order keep the catalog's order.
     */
    private static List<BackupRow> compute(List<BackupRow> copy, Predicate<BackupRow> p, Comparator<BackupRow> c) {
        List<BackupRow> out = copy;
        if (p != null) {
            out = new ArrayList<>();
            for (BackupRow r : copy) {
                if (p.test(r)) {
                    out.add(r);
                }
            }
        }
        if (c != null) {
            out.sort(c);
        }
        return out;
    }

    private static void runOnFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }
}
