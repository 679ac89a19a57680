package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.CatalogFixtures;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The table's rows of a large folder are sorted and filtered in the background and swapped in: the
 * latest sort asked wins, a stale result is never shown, and rows that arrive meanwhile are in it.
 * The background here is a queue the test runs by hand, so each step is seen.
 */
class RowViewTest {
    private static final int ROWS = RowView.AT_ONCE + 1_000;
    private static final Comparator<BackupRow> BY_SIZE = Comparator.comparingLong(BackupRow::sizeBytes);

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void aSortAskedWhileAnotherIsComputedWinsAndTheFirstIsNeverShown() throws Exception {
        Queued executor = new Queued();
        ObservableList<BackupRow> rows = FXCollections.observableArrayList(rows(ROWS));
        RowView view = onFx(() -> new RowView(rows, executor));
        List<BackupRow> catalog = List.copyOf(rows);

        onFx(() -> {
            view.setComparator(BY_SIZE);
            view.setComparator(BY_SIZE.reversed()); // clicked again before the first sort came back
            return null;
        });
        assertEquals(1, executor.jobs.size(), "one sort at a time");
        assertTrue(onFx(() -> view.busyProperty().get()), "busy while a sort is computed (work that can wait waits)");
        executor.runNext();
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(catalog, onFx(() -> List.copyOf(view.shown())), "the ascending result is stale: not shown");
        assertTrue(onFx(() -> view.busyProperty().get()), "still busy: the descending sort is computed next");
        assertEquals(1, executor.jobs.size(), "the descending sort computed after it");
        executor.runNext();
        WaitForAsyncUtils.waitForFxEvents();
        List<BackupRow> shown = onFx(() -> List.copyOf(view.shown()));
        assertEquals(ROWS, shown.size());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (onFx(() -> view.busyProperty().get()) && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertFalse(onFx(() -> view.busyProperty().get()), "idle once the result is drawn");
        for (int i = 1; i < shown.size(); i++) {
            assertTrue(shown.get(i - 1).sizeBytes() >= shown.get(i).sizeBytes(), "largest first at row " + i);
        }
    }

    @Test
    void aRowAddedWhileSortedAndFilteredIsShownInItsPlace() throws Exception {
        Queued executor = new Queued();
        ObservableList<BackupRow> rows = FXCollections.observableArrayList(rows(ROWS));
        RowView view = onFx(() -> new RowView(rows, executor));
        onFx(() -> {
            view.setPredicate(r -> "db1".equals(r.entry().database()));
            return null;
        });
        executor.runAll();
        onFx(() -> {
            view.setComparator(BY_SIZE.reversed());
            return null;
        });
        executor.runAll();
        BackupRow newest = BackupRow.of(CatalogFixtures.realistic(ROWS + 1).withTables(null), true); // db1, the largest
        BackupRow other = BackupRow.of(CatalogFixtures.realistic(ROWS + 2).withTables(null), true); // db2
        onFx(() -> rows.addAll(0, List.of(newest, other)));
        executor.runAll();
        List<BackupRow> shown = onFx(() -> List.copyOf(view.shown()));
        assertEquals(newest, shown.get(0), "the new db1 backup, the largest, first");
        assertTrue(shown.stream().allMatch(r -> "db1".equals(r.entry().database())), "only db1");
        assertEquals(rows.stream().filter(r -> "db1".equals(r.entry().database())).count(), shown.size());
    }

    @Test
    void aSmallFolderIsSortedAtOnceWithoutTheBackground() throws Exception {
        Queued executor = new Queued();
        ObservableList<BackupRow> rows = FXCollections.observableArrayList(rows(50));
        RowView view = onFx(() -> new RowView(rows, executor));
        List<BackupRow> shown = onFx(() -> {
            view.setComparator(BY_SIZE);
            return List.copyOf(view.shown());
        });
        assertTrue(executor.jobs.isEmpty());
        assertEquals(rows.get(rows.size() - 1), shown.get(0), "the oldest, smallest, first");
    }

    @Test
    void aClickWalksTheColumnsKeptOrderAtOnceAndABackupAnotherProcessAddsIsMergedIn() throws Exception {
        Queued executor = new Queued();
        ObservableList<BackupRow> rows = FXCollections.observableArrayList(rows(ROWS));
        RowView view = onFx(() -> {
            RowView v = new RowView(rows, executor);
            v.keepOrders(() -> List.of(BY_SIZE));
            return v;
        });
        runUntilKept(executor, view); // each column's order, computed once the rows are drawn
        ColumnSort largestFirst = ColumnSort.of(List.of(BY_SIZE), List.of(true), true);
        List<BackupRow> shown = onFx(() -> {
            view.setComparator(largestFirst);
            return List.copyOf(view.shown());
        });
        assertTrue(executor.jobs.isEmpty(), "shown at once from the kept order: nothing sorted in the background");
        assertEquals(sortedCopy(rows, BY_SIZE.reversed()), shown);

        BackupRow newest = BackupRow.of(CatalogFixtures.realistic(ROWS + 5).withTables(null), true); // the largest
        onFx(() -> {
            rows.add(0, newest); // another process recorded a backup
            return null;
        });
        runUntilKept(executor, view); // the shown rows again, in the background: the order merged with the one new row
        shown = onFx(() -> List.copyOf(view.shown()));
        assertEquals(newest, shown.get(0));
        assertEquals(sortedCopy(rows, BY_SIZE.reversed()), shown);
        shown = onFx(() -> {
            view.setComparator(ColumnSort.of(List.of(BY_SIZE), List.of(false), true));
            return List.copyOf(view.shown());
        });
        assertTrue(executor.jobs.isEmpty(), "the merged order is kept: the other direction at once");
        assertEquals(sortedCopy(rows, BY_SIZE), shown);
    }

    private static List<BackupRow> sortedCopy(List<BackupRow> rows, Comparator<BackupRow> order) throws Exception {
        List<BackupRow> copy = onFx(() -> new ArrayList<>(rows));
        copy.sort(order);
        return copy;
    }

    private static void runUntilKept(Queued executor, RowView view) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!onFx(() -> view.hasOrder(BY_SIZE)) && System.nanoTime() < until) {
            executor.runAll();
            Thread.sleep(10);
        }
        executor.runAll();
        assertTrue(onFx(() -> view.hasOrder(BY_SIZE)), "the order kept for the current rows");
    }

    private static List<BackupRow> rows(int n) {
        List<BackupRow> rows = new ArrayList<>(n);
        for (int i = n - 1; i >= 0; i--) {
            rows.add(BackupRow.of(CatalogFixtures.realistic(i).withTables(null), true));
        }
        return rows;
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        T value = WaitForAsyncUtils.asyncFx(work).get(30, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return value;
    }

    /** Background work kept until the test runs it, on the test's thread (not the FX thread). */
    private static final class Queued implements TaskExecutor {
        private final Deque<Runnable> jobs = new ArrayDeque<>();

        @Override
        public <T> OperationTask<T> start(OperationTask<T> task) {
            throw new UnsupportedOperationException();
        }

        @Override
        public synchronized void background(Runnable work) {
            jobs.add(work);
        }

        synchronized Runnable next() {
            return jobs.poll();
        }

        void runNext() {
            next().run();
        }

        void runAll() {
            for (Runnable r = next(); r != null; r = next()) {
                r.run();
                WaitForAsyncUtils.waitForFxEvents();
            }
        }

        @Override
        public ObservableList<OperationTask<?>> tasks() {
            return FXCollections.observableArrayList();
        }

        @Override
        public void shutdown() {
        }
    }
}
