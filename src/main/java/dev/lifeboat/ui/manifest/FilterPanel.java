package dev.lifeboat.ui.manifest;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.text.NumberFormat;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One column's filter, shown from its header's context menu: the column's values with how many
 * backups hold each, ticked when shown; a box narrows the list (a month of Created: "2026-11"), the
 * two links tick or untick what the list shows, Apply filters, Clear shows every row again.
 */
final class FilterPanel extends VBox {
    private final ColumnFilters filters;
    private final TableColumn<BackupRow, ?> column;
    private final Runnable close;
    private final ObservableList<Value> values = FXCollections.observableArrayList();
    private final FilteredList<Value> listed = new FilteredList<>(values);
    private final TextField find = new TextField();
    private final ListView<Value> list;

    /** One value of the column, how many rows hold it, and whether it is to be shown. */
    record Value(String text, int count, BooleanProperty shown) {
    }

    FilterPanel(ColumnFilters filters, TableColumn<BackupRow, ?> column, Runnable close) {
        this.filters = filters;
        this.column = column;
        this.close = close;
        getStyleClass().add("column-filter");
        setId("filter-" + ColumnFilters.title(column).replace(' ', '-'));
        setSpacing(8);
        setPrefWidth(280);
        Label title = new Label("Show backups whose " + ColumnFilters.title(column) + " is");
        title.getStyleClass().add("column-filter-title");
        find.setPromptText("Find a value");
        find.textProperty().addListener((o, a, v) -> {
            String lower = v == null ? "" : v.strip().toLowerCase(Locale.ROOT);
            listed.setPredicate(lower.isEmpty() ? null : x -> x.text().toLowerCase(Locale.ROOT).contains(lower));
        });
        ListView<Value> list = new ListView<>(listed);
        list.getStyleClass().add("dense");
        NumberFormat counts = NumberFormat.getIntegerInstance(Locale.ROOT);
        // The value is the tick box's own text: a click on the value ticks it, as on the box.
        list.setCellFactory(l -> new ListCell<>() {
            private final CheckBox box = new CheckBox();
            private Value bound;

            @Override
            protected void updateItem(Value v, boolean empty) {
                super.updateItem(v, empty);
                if (bound != null) {
                    box.selectedProperty().unbindBidirectional(bound.shown());
                    bound = null;
                }
                if (empty || v == null) {
                    setGraphic(null);
                    return;
                }
                box.setText((v.text().isEmpty() ? "(empty)" : v.text()) + "   (" + counts.format(v.count()) + ")");
                box.selectedProperty().bindBidirectional(v.shown());
                bound = v;
                setGraphic(box);
            }
        });
        this.list = list;
        Button all = link("Tick all", true);
        Button none = link("Untick all", false);
        HBox ticks = new HBox(12, all, none);
        Button clear = new Button("Clear");
        clear.setId("filterClear");
        clear.setOnAction(e -> {
            filters.set(column, null);
            close.run();
        });
        Button apply = new Button("Apply");
        apply.setId("filterApply");
        apply.setDefaultButton(true);
        apply.setOnAction(e -> {
            apply();
            close.run();
        });
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(8, gap, clear, apply);
        buttons.setAlignment(Pos.CENTER_RIGHT);
        getChildren().addAll(title, find, list, ticks, buttons);
    }

    /** Reads the column's values as they are now (called as the menu opens). */
    void fill() {
        Set<String> shown = filters.shownValues(column);
        find.clear();
        values.clear();
        for (Map.Entry<String, Integer> e : filters.values(column).entrySet()) {
            values.add(new Value(e.getKey(), e.getValue(), new SimpleBooleanProperty(shown == null || shown.contains(e.getKey()))));
        }
        // As tall as its values, up to ten: three databases do not sit in a tall empty box.
        list.setPrefHeight(Math.min(10, Math.max(3, values.size())) * 26 + 4);
    }

    /** Every value ticked is no filter at all (new values, from a later backup, are shown too). */
    void apply() {
        Set<String> ticked = new HashSet<>();
        boolean every = true;
        for (Value v : values) {
            if (v.shown().get()) {
                ticked.add(v.text());
            } else {
                every = false;
            }
        }
        filters.set(column, every ? null : ticked);
    }

    /** Ticks or unticks the values the list shows now. */
    void tick(boolean shown) {
        listed.forEach(v -> v.shown().set(shown));
    }

    private Button link(String text, boolean shown) {
        Button b = new Button(text);
        b.getStyleClass().add("flat");
        b.setOnAction(e -> tick(shown));
        return b;
    }
}
