package dev.lifeboat.ui.common;

import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;

import java.util.function.Function;

/** Small helpers for read-only table columns. */
public final class Tables {
    private Tables() {
    }

    /**
     * Cells that say their whole text when the column cuts it: a tooltip with the full value (a long
     * description, a database or table name), as pgAdmin's grid does. One tooltip per cell, reused.
     */
    public static <T> TableColumn<T, String> whole(TableColumn<T, String> c) {
        c.setCellFactory(col -> new TableCell<>() {
            private final Tooltip tip = new Tooltip();

            {
                tip.setWrapText(true);
                tip.setMaxWidth(600);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                boolean shown = !empty && item != null && !item.isBlank();
                setText(shown ? item : null);
                tip.setText(shown ? item : "");
                setTooltip(shown ? tip : null);
            }
        });
        return c;
    }

    public static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(v -> new ReadOnlyObjectWrapper<>(value.apply(v.getValue())));
        return c;
    }
}
