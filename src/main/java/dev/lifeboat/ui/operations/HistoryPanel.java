package dev.lifeboat.ui.operations;

import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.ui.common.Tables;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.function.Consumer;

/** The operations history: restores and rollbacks, with Roll back and Discard for live rollback points. */
public final class HistoryPanel extends VBox {
    private final HistoryModel model;
    private final TableView<HistoryModel.Row> table = new TableView<>();

    public HistoryPanel(TaskExecutor executor, Consumer<OperationRecord> rollback, Consumer<OperationRecord> discard,
                        Consumer<OperationRecord> restoreBefore) {
        this.model = new HistoryModel(executor);
        table.setId("history");
        table.setPlaceholder(new Label("No restores yet."));
        // To the second, as a DBA reads a log line, with its zone: the fraction pushed the time out of its column.
        var when = Tables.column("When", 170, (HistoryModel.Row r) -> r.record().started() == null ? ""
                : r.record().started().replace('T', ' ').replaceFirst("\\.\\d+", ""));
        when.setMinWidth(170); // a whole "2026-12-04 22:08:35Z" with the cell padding
        table.getColumns().add(when);
        table.getColumns().add(Tables.column("What", 70, r -> r.record().kind()));
        table.getColumns().add(Tables.column("Outcome", 80, r -> r.record().outcome()));
        table.getColumns().add(Tables.whole(Tables.column("Backup", 190, r -> r.record().backupId())));
        table.getColumns().add(Tables.whole(Tables.column("Target", 120, r -> r.record().target())));
        table.getColumns().add(Tables.whole(Tables.column("Rollback point", 200,
                r -> r.rollbackLive() ? r.record().rollbackDatabase() : "")));
        table.getColumns().add(Tables.whole(Tables.column("Command", 160, r -> r.record().command() == null ? ""
                : r.record().command() + (r.record().exitCode() == null ? "" : "  (exit " + r.record().exitCode() + ")"))));
        table.getColumns().add(Tables.whole(Tables.column("Message", 360, r -> r.record().message() == null ? ""
                : r.record().message().lines().findFirst().orElse(""))));
        // The columns share the pane's width: the message was behind a horizontal scroll bar at the default size.
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setItems(model.rows());
        Button back = new Button("Roll back");
        back.setId("rollbackButton");
        Button drop = new Button("Discard rollback point");
        drop.setId("discardButton");
        back.setOnAction(e -> rollback.accept(selected()));
        drop.setOnAction(e -> discard.accept(selected()));
        // Roll back and Discard only for an operation whose rollback point still exists.
        var noLivePoint = Bindings.createBooleanBinding(() -> {
            HistoryModel.Row r = table.getSelectionModel().getSelectedItem();
            return r == null || !r.rollbackLive();
        }, table.getSelectionModel().selectedItemProperty());
        back.disableProperty().bind(noLivePoint);
        drop.disableProperty().bind(noLivePoint);
        Button before = new Button("Restore to before");
        before.setId("restoreBeforeButton");
        before.setOnAction(e -> restoreBefore.accept(selected()));
        before.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        HBox buttons = new HBox(8, back, drop, before);
        buttons.setPadding(new Insets(4, 6, 4, 6));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(buttons, table);
    }

    /** Reads the operations log off the FX thread and shows it. */
    public void show(OperationsLog operations) {
        model.load(operations);
    }

    public HistoryModel model() {
        return model;
    }

    private OperationRecord selected() {
        HistoryModel.Row r = table.getSelectionModel().getSelectedItem();
        return r == null ? null : r.record();
    }

}
