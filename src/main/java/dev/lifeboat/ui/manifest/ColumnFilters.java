package dev.lifeboat.ui.manifest;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The backups table's column filters: right-click a column's header to choose which of its values
 * are shown ({@link FilterPanel}). A filtered column's header is marked (style class
 * {@value #FILTERED}); {@link #describe()} names the filtered columns for the bar above the table. The filters are part of the one
 * predicate the shown rows are computed with ({@link RowView}): no list of their own.
 */
final class ColumnFilters {
    private static final Object TEXT = ColumnFilters.class;
    static final String FILTERED = "filtered";
    private final Supplier<List<BackupRow>> rows;
    private final Runnable changed;
    /** Per filtered column, the texts it shows (FX thread only). */
    private final Map<TableColumn<BackupRow, ?>, Set<String>> active = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper("");

    ColumnFilters(TableView<BackupRow> table, Supplier<List<BackupRow>> rows, Runnable changed) {
        this.rows = rows;
        this.changed = changed;
        table.getColumns().forEach(this::attach);
        // The Copies column is added by its own package, after the view is made.
        table.getColumns().addListener((ListChangeListener<TableColumn<BackupRow, ?>>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(this::attach);
            }
        });
    }

    /**
     * The text a column is filtered by, as its cells show it; made off the FX thread too, so it must
     * only read the row. A column without one is filtered by its cell value's text.
     */
    static void text(TableColumn<BackupRow, ?> column, Function<BackupRow, String> text) {
        column.getProperties().put(TEXT, text);
    }

    @SuppressWarnings("unchecked")
    static Function<BackupRow, String> textOf(TableColumn<BackupRow, ?> column) {
        Object f = column.getProperties().get(TEXT);
        if (f != null) {
            return (Function<BackupRow, String>) f;
        }
        return r -> {
            Object v = column.getCellData(r);
            return v == null ? "" : v.toString();
        };
    }

    /** The rows the column filters let through (null: every row); safe to test off the FX thread. */
    Predicate<BackupRow> predicate() {
        if (active.isEmpty()) {
            return null;
        }
        List<Function<BackupRow, String>> texts = new ArrayList<>();
        List<Set<String>> allowed = new ArrayList<>();
        active.forEach((column, values) -> {
            texts.add(textOf(column));
            allowed.add(Set.copyOf(values));
        });
        return r -> {
            for (int i = 0; i < texts.size(); i++) {
                if (!allowed.get(i).contains(texts.get(i).apply(r))) {
                    return false;
                }
            }
            return true;
        };
    }

    /** "Database, Status" when those columns are filtered; empty when none is. */
    ReadOnlyStringProperty describe() {
        return description.getReadOnlyProperty();
    }

    boolean isFiltered(TableColumn<BackupRow, ?> column) {
        return active.containsKey(column);
    }

    /** Shows only the rows whose column text is one of {@code values}; null shows every row again. */
    void set(TableColumn<BackupRow, ?> column, Set<String> values) {
        if (values == null) {
            active.remove(column);
        } else {
            active.put(column, Set.copyOf(values));
        }
        mark(column, values != null);
        description.set(String.join(", ", active.keySet().stream().map(ColumnFilters::title).toList()));
        changed.run();
    }

    void clearAll() {
        if (active.isEmpty()) {
            return;
        }
        for (TableColumn<BackupRow, ?> column : List.copyOf(active.keySet())) {
            active.remove(column);
            mark(column, false);
        }
        description.set("");
        changed.run();
    }

    /** The column's values and how many rows hold each, in order (read when its panel opens). */
    Map<String, Integer> values(TableColumn<BackupRow, ?> column) {
        Function<BackupRow, String> text = textOf(column);
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (BackupRow r : rows.get()) {
            counts.merge(text.apply(r), 1, Integer::sum);
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.keySet().stream().sorted().forEach(v -> sorted.put(v, counts.get(v)));
        return sorted;
    }

    /** The values the column shows now: null when it is not filtered. */
    Set<String> shownValues(TableColumn<BackupRow, ?> column) {
        return active.get(column);
    }

    static String title(TableColumn<BackupRow, ?> column) {
        return column.getText() == null || column.getText().isEmpty() ? "Pinned" : column.getText();
    }

    private void attach(TableColumn<BackupRow, ?> column) {
        ContextMenu menu = new ContextMenu();
        menu.getStyleClass().add("column-filter-menu");
        FilterPanel panel = new FilterPanel(this, column, menu::hide);
        CustomMenuItem item = new CustomMenuItem(panel, false);
        menu.getItems().add(item);
        menu.setOnShowing(e -> panel.fill());
        column.setContextMenu(menu);
    }

    /**
     * A filtered column's header is tinted and underlined in the accent colour (lifeboat.css): a funnel
     * beside its text cut the text of the narrower columns ("Data…") at the default window size.
     */
    private void mark(TableColumn<BackupRow, ?> column, boolean filtered) {
        column.getStyleClass().remove(FILTERED);
        if (filtered) {
            column.getStyleClass().add(FILTERED);
        }
    }
}
