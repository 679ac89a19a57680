package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.util.Sizes;
import dev.lifeboat.ui.common.Styles;
import dev.lifeboat.ui.common.Tables;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The manifest as a sortable, searchable table with column filters and a context menu. The table
 * shows one plain list ({@link RowView}): the search box and the column filters make its predicate,
 * the clicked columns its order, both computed off the FX thread for a large folder.
 */
public final class ManifestView extends VBox {
    private final TableView<BackupRow> table = new TableView<>();
    private final TextField search = new TextField();
    private final RowView view;
    private final ColumnFilters filters;
    private final Label count = new Label();
    private final Label filteredBy = new Label();
    private final Button clearFilters = new Button("Clear filters");
    /** The search box's text, stripped and lower-cased once per keystroke, not once per row. */
    private String searched = "";
    private boolean reselecting;

    public ManifestView(ManifestModel model, ContextMenu menu, Consumer<BackupRow> open) {
        view = new RowView(model.rows(), model::rowsCopy, model.executor());
        filters = new ColumnFilters(table, view::all, this::filter);
        search.setId("search");
        search.setPromptText("Search backups (database, description, tags, date, status)");
        search.textProperty().addListener((o, a, v) -> {
            searched = v == null ? "" : v.strip().toLowerCase(java.util.Locale.ROOT);
            filter();
        });
        HBox.setHgrow(search, Priority.ALWAYS);
        count.getStyleClass().add(Styles.MUTED);
        // While a column filter is on: which columns, and one click to show every backup again.
        filteredBy.setId("filteredBy");
        filteredBy.getStyleClass().add("filtered-by");
        filteredBy.setGraphic(dev.lifeboat.ui.common.Icons.FILTER.node());
        filteredBy.textProperty().bind(filters.describe().map(d -> d.isEmpty() ? "" : "Filtered by " + d));
        clearFilters.setId("clearFilters");
        clearFilters.setOnAction(e -> filters.clearAll());
        for (javafx.scene.Node n : new javafx.scene.Node[] {filteredBy, clearFilters}) {
            n.visibleProperty().bind(filters.describe().isNotEmpty());
            n.managedProperty().bind(n.visibleProperty());
        }
        HBox top = new HBox(8, search, filteredBy, clearFilters, count);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setPadding(new Insets(6, 8, 6, 8));

        table.setId("manifestTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getStyleClass().add("dense"); // AtlantaFX's compact rows: more backups on screen, as in pgAdmin
        table.setPlaceholder(new Label("No backups in this folder yet. Take one with New backup (Ctrl+B)."));
        table.getColumns().add(statusColumn());
        TableColumn<BackupRow, String> created = column("Created", 125, BackupRow::created, Comparator.comparingLong(BackupRow::createdKey));
        created.setMinWidth(126); // a whole "2026-12-28 23:45"
        table.getColumns().add(created);
        // Each column's minimum fits its header (bold) at the default font, so none reads "Datab…", with the
        // tighter cell padding of lifeboat.css (#manifestTable): with a scroll bar they fit 1360 px.
        TableColumn<BackupRow, String> database = column("Database", 110, r -> r.entry().database(), byText(r -> r.entry().database()));
        database.setMinWidth(98); // "Database" with the sort arrow beside it (84 read "Datab…" once sorted)
        table.getColumns().add(Tables.whole(database));
        // Database, Description and Tags say which backup it is (pgAdmin shows them whole): wider than Copies, whose
        // usual "local" or "local + offsite ✓" fits in less; the same total width as before.
        TableColumn<BackupRow, String> description = column("Description", 160, r -> r.entry().description(), byText(r -> r.entry().description()));
        description.setMinWidth(96);
        // At the default size the twelve columns sit at their minimums: what is cut is said whole on hover.
        table.getColumns().add(Tables.whole(description));
        TableColumn<BackupRow, String> tags = column("Tags", 80, BackupRow::tags, byText(BackupRow::tags));
        tags.setMinWidth(50);
        table.getColumns().add(Tables.whole(tags));
        TableColumn<BackupRow, Long> size = new TableColumn<>("Size");
        size.setPrefWidth(72);
        size.setMinWidth(66); // "10.0 KB"
        size.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().sizeBytes()));
        size.setCellFactory(c -> rightAligned(Sizes::bytes));
        ColumnFilters.text(size, r -> Sizes.bytes(r.sizeBytes()));
        RowOrder.set(size, Comparator.comparingLong(BackupRow::sizeBytes));
        table.getColumns().add(size);
        table.getColumns().add(numberColumn("Tables", r -> r.entry().tableCount() == null ? null : (long) r.entry().tableCount(),
                Comparator.comparingLong(BackupRow::tablesKey)));
        table.getColumns().add(numberColumn("Rows", BackupRow::totalRows, Comparator.comparingLong(BackupRow::rowsKey)));
        TableColumn<BackupRow, String> server = column("Server", 66, BackupRow::server, byText(BackupRow::server));
        server.setMinWidth(62);
        table.getColumns().add(server);
        TableColumn<BackupRow, String> verified = column("Last verified", 118, BackupRow::lastVerified, byText(BackupRow::lastVerified));
        verified.setMinWidth(122);
        table.getColumns().add(verified);
        // The header is the pin icon (as in the rows), named by its tooltip: the word did not fit.
        TableColumn<BackupRow, Boolean> pin = new TableColumn<>();
        Label pinHeader = new Label(null, dev.lifeboat.ui.common.Icons.PIN.node());
        pinHeader.setTooltip(new javafx.scene.control.Tooltip("Pinned: retention keeps it"));
        pinHeader.setAccessibleText("Pin");
        pin.setGraphic(pinHeader);
        pin.setPrefWidth(36);
        pin.setMinWidth(34);
        pin.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().entry().pinnedOrFalse()));
        RowOrder.set(pin, (a, b) -> Boolean.compare(a.entry().pinnedOrFalse(), b.entry().pinnedOrFalse()));
        ColumnFilters.text(pin, r -> r.entry().pinnedOrFalse() ? "pinned" : "not pinned");
        pin.setCellFactory(c -> new TableCell<>() {
            // One icon and tooltip per cell, not per update: a sort updates every visible cell.
            private final javafx.scene.Node icon = dev.lifeboat.ui.common.Icons.PIN.node();
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip("Pinned: retention keeps it");

            @Override
            protected void updateItem(Boolean pinned, boolean empty) {
                super.updateItem(pinned, empty);
                boolean shown = !empty && Boolean.TRUE.equals(pinned);
                // An icon, not the pushpin emoji: several platforms' default fonts lack it.
                setGraphic(shown ? icon : null);
                setTooltip(shown ? tip : null);
                setAccessibleText(shown ? "pinned" : null);
            }
        });
        table.getColumns().add(pin);
        table.setContextMenu(menu);
        table.setRowFactory(t -> {
            TableRow<BackupRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    open.accept(row.getItem());
                }
            });
            return row;
        });
        table.setItems(view.shown());
        RowOrder.install(table, view::setComparator);
        view.keepOrders(() -> RowOrder.named(table)); // each column's order ready before its header is clicked
        // A reload replaces the rows; keep the selection by backup id.
        java.util.Set<String> selectedIds = new java.util.HashSet<>();
        table.getSelectionModel().getSelectedItems().addListener((javafx.collections.ListChangeListener<BackupRow>) c -> {
            // An empty selection is what the table does while its rows are replaced; keep the ids then.
            if (!reselecting && !table.getSelectionModel().getSelectedItems().isEmpty()) {
                selectedIds.clear();
                table.getSelectionModel().getSelectedItems().forEach(r -> selectedIds.add(r.id()));
            }
        });
        // The shown rows change by one replacement: the table drops its selection then; select the same backups.
        view.shown().addListener((javafx.collections.ListChangeListener<BackupRow>) c -> {
            updateCount();
            List<BackupRow> still = table.getSelectionModel().getSelectedItems();
            if (selectedIds.isEmpty() || still.size() == selectedIds.size()
                    && still.stream().allMatch(r -> r != null && selectedIds.contains(r.id()))) {
                return; // nothing to find again, or the table kept the same backups: no walk over every row
            }
            reselecting = true;
            try {
                table.getSelectionModel().clearSelection();
                int left = selectedIds.size();
                for (int i = 0; i < table.getItems().size() && left > 0; i++) {
                    if (selectedIds.contains(table.getItems().get(i).id())) {
                        table.getSelectionModel().select(i);
                        left--;
                    }
                }
            } finally {
                reselecting = false;
            }
        });
        model.rows().addListener((javafx.collections.ListChangeListener<BackupRow>) c -> updateCount());
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(top, table);
        updateCount();
    }

    private void updateCount() {
        int all = view.total();
        int shown = view.shown().size();
        count.setText((shown == all ? "" : shown + " of ") + all + (all == 1 ? " backup" : " backups"));
    }

    /** The search box and the column filters as the one predicate of the shown rows. */
    private void filter() {
        String lower = searched;
        Predicate<BackupRow> byText = lower.isEmpty() ? null : r -> r.matchesLowerCase(lower);
        Predicate<BackupRow> byColumns = filters.predicate();
        view.setPredicate(byText == null ? byColumns : byColumns == null ? byText : byText.and(byColumns));
    }

    /** The column filters (right-click a header). */
    ColumnFilters filters() {
        return filters;
    }

    public TableView<BackupRow> table() {
        return table;
    }

    public TextField search() {
        return search;
    }

    /** True from a sort or filter of a large folder until its rows are drawn: work that can wait waits for it. */
    public javafx.beans.property.ReadOnlyBooleanProperty busyProperty() {
        return view.busyProperty();
    }

    private TableColumn<BackupRow, String> statusColumn() {
        TableColumn<BackupRow, String> c = new TableColumn<>("Status");
        c.setPrefWidth(122);
        c.setMinWidth(118); // a whole "never verified" with its mark
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(v.getValue().status().text()));
        RowOrder.set(c, Comparator.comparingInt(r -> r.status().ordinal()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                String wanted = empty || item == null ? null : item.startsWith("\u2714") ? Styles.STATUS_OK
                        : item.startsWith("\u2716") ? Styles.STATUS_FAIL : item.startsWith("\u26A0") ? Styles.STATUS_WARN : Styles.STATUS_NONE;
                // Only a different status changes the style classes: each change re-applies the cell's CSS
                // (style matching from scratch), and a sort or a scroll updates every visible cell.
                if (wanted == null || !getStyleClass().contains(wanted)) {
                    getStyleClass().removeAll(Styles.STATUS_OK, Styles.STATUS_FAIL, Styles.STATUS_WARN, Styles.STATUS_NONE);
                    if (wanted != null) {
                        getStyleClass().add(wanted);
                    }
                }
            }
        });
        return c;
    }

    private static TableColumn<BackupRow, String> column(String title, double width, Function<BackupRow, String> value,
                                                         Comparator<BackupRow> order) {
        TableColumn<BackupRow, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(value.apply(v.getValue())));
        RowOrder.set(c, order);
        return c;
    }

    /** By a text the row holds already (none first), compared as it is: no collation per comparison. */
    private static Comparator<BackupRow> byText(Function<BackupRow, String> text) {
        return Comparator.comparing(text, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    private static TableColumn<BackupRow, Long> numberColumn(String title, Function<BackupRow, Long> value,
                                                             Comparator<BackupRow> order) {
        TableColumn<BackupRow, Long> c = new TableColumn<>(title);
        c.setPrefWidth(title.equals("Rows") ? 100 : 70);
        c.setMinWidth(title.equals("Rows") ? 96 : 64); // Rows: "141,379,555" (a busy events table) whole, not "141,379,..."
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(value.apply(v.getValue())));
        c.setCellFactory(col -> rightAligned(n -> String.format("%,d", n)));
        ColumnFilters.text(c, r -> {
            Long n = value.apply(r);
            return n == null ? "" : String.format("%,d", n);
        });
        RowOrder.set(c, order); // a primitive key: no boxed Long per comparison
        return c;
    }

    private static TableCell<BackupRow, Long> rightAligned(Function<Long, String> format) {
        TableCell<BackupRow, Long> cell = new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
        cell.setAlignment(Pos.CENTER_RIGHT);
        return cell;
    }
}
