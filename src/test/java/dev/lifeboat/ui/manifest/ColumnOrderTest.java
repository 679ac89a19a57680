package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CatalogFixtures;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.VerificationRecord;
import dev.lifeboat.ui.common.SameThreadExecutor;
import javafx.scene.control.ContextMenu;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A column's order computed once and walked ({@link ColumnOrder}) shows the same rows in the same
 * order as the stable sort of the catalog by the column's comparator, as the table sorted before:
 * every column of the table, both ways, with a filter on and with a second sort column, over rows
 * with missing values, many ties and non-ASCII text; and so does an order merged with a change of a
 * few rows (another process's backup, a verification, a deletion).
 */
class ColumnOrderTest {
    private static final String[] DATABASES = {"db0", "Ærø", "zebra", "éclair", "Éclair", "日本", "db0 ", null};
    private static final String[] DESCRIPTIONS = {"hourly", "Hourly", "Ärger", "arger", "", "\u00e9t\u00e9", "e\u0301te\u0301", null};

    private static List<Comparator<BackupRow>> orders;

    @BeforeAll
    static void tableOrders() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
        orders = WaitForAsyncUtils.asyncFx(() -> RowOrder.named(
                new ManifestView(new ManifestModel(new SameThreadExecutor()), new ContextMenu(), r -> { }).table()))
                .get(30, TimeUnit.SECONDS);
    }

    @Test
    void everyColumnsOrderWalkedEqualsTheStableSortOfTheCatalog() {
        assertEquals(11, orders.size(), "every column of the table (Copies is added by the main window)");
        List<BackupRow> catalog = catalog(3_000, 0);
        List<Predicate<BackupRow>> filters = new ArrayList<>();
        filters.add(null);
        filters.add(r -> r.entry().database() == null || r.entry().database().startsWith("db"));
        for (Comparator<BackupRow> order : orders) {
            ColumnOrder kept = ColumnOrder.of(catalog, order);
            for (boolean descending : new boolean[] {false, true}) {
                for (Predicate<BackupRow> filter : filters) {
                    for (Comparator<BackupRow> then : List.of(orders.get(0), orders.get(3).reversed())) {
                        assertEquals(today(catalog, order, descending, filter, null), kept.rows(descending, filter, null));
                        assertEquals(today(catalog, order, descending, filter, then), kept.rows(descending, filter, then),
                                "with a second sort column");
                    }
                }
            }
        }
    }

    @Test
    void anOrderMergedWithAFewChangedRowsEqualsTheOrderSortedAgain() {
        List<BackupRow> before = catalog(3_000, 0);
        List<BackupRow> after = new ArrayList<>(before);
        after.add(0, row(3_000, 0)); // another process's newest backup
        after.add(0, row(3_001, 0));
        after.set(10, BackupRow.of(varied(after.get(10).entry(), 4), true)); // verified, changed: a new row in its place
        after.remove(200); // deleted
        after.add(1_500, row(1_500, 1)); // a backup between others, equal to many by most columns
        CatalogChange change = CatalogChange.of(before, after);
        assertNotNull(change);
        for (Comparator<BackupRow> order : orders) {
            ColumnOrder merged = ColumnOrder.of(before, order).merged(change);
            for (boolean descending : new boolean[] {false, true}) {
                assertEquals(today(after, order, descending, null, null), merged.rows(descending, null, null));
            }
        }
    }

    @Test
    void rowsThatChangedTheirRelativeOrderOrMostlyNewRowsAreSortedAgain() {
        List<BackupRow> before = catalog(100, 0);
        List<BackupRow> swapped = new ArrayList<>(before);
        java.util.Collections.swap(swapped, 3, 70);
        assertNull(CatalogChange.of(before, swapped), "two rows swapped: not a merge");
        assertNull(CatalogChange.of(before, catalog(100, 0)), "a whole read: every row new");
    }

    /** What the table showed before: the filtered catalog in a stable sort by the clicked columns' comparator. */
    private static List<BackupRow> today(List<BackupRow> catalog, Comparator<BackupRow> order, boolean descending,
                                         Predicate<BackupRow> filter, Comparator<BackupRow> then) {
        List<BackupRow> out = new ArrayList<>(catalog.stream().filter(r -> filter == null || filter.test(r)).toList());
        Comparator<BackupRow> c = descending ? order.reversed() : order;
        out.sort(then == null ? c : c.thenComparing(then));
        return out;
    }

    /** Newest first, as the catalog has them. */
    private static List<BackupRow> catalog(int n, int seed) {
        List<BackupRow> rows = new ArrayList<>(n);
        for (int i = n - 1; i >= 0; i--) {
            rows.add(row(i, seed));
        }
        return rows;
    }

    private static BackupRow row(int i, int seed) {
        return BackupRow.of(varied(CatalogFixtures.realistic(i), i + seed), (i + seed) % 11 != 0);
    }

    /** Missing values, ties and non-ASCII text in every sorted column. */
    private static BackupEntry varied(BackupEntry e, int i) {
        Map<String, Object> with = new HashMap<>();
        with.put("database", DATABASES[i % DATABASES.length]);
        with.put("description", DESCRIPTIONS[(i / 3) % DESCRIPTIONS.length]);
        with.put("tags", i % 5 == 0 ? List.of() : i % 5 == 1 ? List.of("weekly", "ünïcode") : List.of("scheduled"));
        with.put("sizeBytes", i % 4 == 0 ? null : 1_000L * (i % 9));
        with.put("sizeMb", i % 8 == 0 ? null : 1.5);
        with.put("tableCount", i % 6 == 0 ? null : i % 4);
        with.put("serverVersion", i % 7 == 0 ? null : i % 2 == 0 ? "15.15 (Debian)" : "16.1");
        with.put("pinned", i % 10 == 0 ? Boolean.TRUE : i % 10 == 1 ? null : Boolean.FALSE);
        with.put("verifications", i % 3 == 0 ? List.of() : List.of(new VerificationRecord(
                i % 9 == 1 ? null : "2026-0" + (1 + i % 9) + "-01T00:00:00Z", i % 2 == 0 ? "quick" : "restore",
                i % 4 == 1 ? CheckStatus.FAIL : CheckStatus.PASS, 1.0, null, List.of(), null)));
        if (i % 13 == 0) {
            with.put("datetime", "2026-06-01T00:00:00Z"); // many backups made at the same moment
        }
        return copy(e, with);
    }
    private static BackupEntry copy(BackupEntry e, Map<String, Object> with) {
        return TestEntries.with(e, with);
    }
}
