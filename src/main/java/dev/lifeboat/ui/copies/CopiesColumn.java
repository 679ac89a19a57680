package dev.lifeboat.ui.copies;

import dev.lifeboat.ui.manifest.BackupRow;
import dev.lifeboat.ui.manifest.RowOrder;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** The Copies column of the backups table and the copy entries of its context menu. */
public final class CopiesColumn {
    private CopiesColumn() {
    }

    /** Adds the "Copies" column before the table's last one (the pin). */
    public static void install(TableView<BackupRow> table, CopiesModel model) {
        TableColumn<BackupRow, String> c = new TableColumn<>("Copies");
        c.setId("copiesColumn");
        c.setPrefWidth(90);
        c.setMinWidth(78); // the header fits; a long summary is cut but read whole in the tooltip
        // A plain value per row: a binding per cell value (as before) added a listener per sort comparison.
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(model.text(d.getValue())));
        RowOrder.set(c, Comparator.comparing(model::text));
        c.setCellFactory(col -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            {
                // The key and checked time are in the whole entry: read when the tooltip is about to show.
                tip.setOnShowing(e -> {
                    BackupRow row = isEmpty() || getTableRow() == null ? null : getTableRow().getItem();
                    if (row != null) {
                        model.tooltip(row, text -> {
                            if (getTableRow() != null && row == getTableRow().getItem()) { // not reused meanwhile
                                tip.setText(text);
                            }
                        });
                    }
                });
            }

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                // The tooltip's text is made as it shows (above), not on every update: a sort updates every visible cell.
                setText(empty ? null : text);
                setTooltip(empty ? null : tip);
            }
        });
        int at = Math.max(0, table.getColumns().size() - 1);
        table.getColumns().add(at, c);
    }

    /**
     * "Copy to ▸", "Verify copy at ▸" and "Restore from ▸", filled with the folder's destinations
     * when the menu opens; Restore from is offered when the local file is missing.
     */
    public static void addMenus(ContextMenu menu, CopiesModel model, Supplier<BackupRow> selected, Consumer<String> restore) {
        Menu copyTo = new Menu("Copy to");
        copyTo.setId("menuCopyTo");
        Menu verifyAt = new Menu("Verify copy at");
        verifyAt.setId("menuVerifyAt");
        Menu restoreFrom = new Menu("Restore from");
        restoreFrom.setId("menuRestoreFrom");
        menu.getItems().addAll(copyTo, verifyAt, restoreFrom);
        menu.setOnShowing(e -> {
            BackupRow row = selected.get();
            List<String> all = model.destinations().stream().map(d -> d.name()).toList();
            List<String> held = row == null ? List.of() : CopiesModel.copiesOf(row).stream().map(x -> x.destination()).toList();
            fill(copyTo, row == null || !row.fileExists() ? List.of() : all, n -> model.copyTo(row.id(), n));
            fill(verifyAt, held, n -> model.verifyAt(row.id(), n));
            fill(restoreFrom, held, n -> model.restoreFrom(row.id(), n, restore));
        });
    }

    private static void fill(Menu menu, List<String> names, Consumer<String> action) {
        menu.getItems().setAll(names.stream().map(n -> {
            MenuItem item = new MenuItem(n);
            item.setId(menu.getId() + "-" + n);
            item.setOnAction(e -> action.accept(n));
            return item;
        }).toList());
        menu.setDisable(names.isEmpty());
    }
}
