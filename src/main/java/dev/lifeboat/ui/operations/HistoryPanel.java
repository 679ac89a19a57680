package dev.lifeboat.ui.operations;

import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.ui.common.Tables;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/** The operations history: restores and rollbacks, with Roll back and Discard for live rollback points. */
public final class HistoryPanel extends VBox {
    private final TableView<OperationRecord> table = new TableView<>();
    private OperationsLog log;

    public HistoryPanel(Consumer<OperationRecord> rollback, Consumer<OperationRecord> discard,
                        Consumer<OperationRecord> restoreBefore) {
        table.setId("history");
        table.setPlaceholder(new Label("No restores yet."));
        table.getColumns().add(Tables.column("When", 150, r -> r.started() == null ? "" : r.started().replace('T', ' ')));
        table.getColumns().add(Tables.column("What", 80, OperationRecord::kind));
        table.getColumns().add(Tables.column("Outcome", 80, OperationRecord::outcome));
        table.getColumns().add(Tables.column("Backup", 200, OperationRecord::backupId));
        table.getColumns().add(Tables.column("Target", 150, OperationRecord::target));
        table.getColumns().add(Tables.column("Rollback point", 240, r -> live(r) ? r.rollbackDatabase() : ""));
        table.getColumns().add(Tables.column("Command", 200, r -> r.command() == null ? "" : r.command()
                + (r.exitCode() == null ? "" : "  (exit " + r.exitCode() + ")")));
        table.getColumns().add(Tables.column("Message", 360, r -> r.message() == null ? "" : r.message().lines().findFirst().orElse("")));
        Button back = new Button("Roll back");
        back.setId("rollbackButton");
        Button drop = new Button("Discard rollback point");
        drop.setId("discardButton");
        back.setOnAction(e -> rollback.accept(table.getSelectionModel().getSelectedItem()));
        drop.setOnAction(e -> discard.accept(table.getSelectionModel().getSelectedItem()));
        back.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        drop.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        Button before = new Button("Restore to before");
        before.setId("restoreBeforeButton");
        before.setOnAction(e -> restoreBefore.accept(table.getSelectionModel().getSelectedItem()));
        before.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        HBox buttons = new HBox(8, back, drop, before);
        buttons.setPadding(new Insets(4, 6, 4, 6));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(buttons, table);
    }

    public void show(OperationsLog operations) {
        this.log = operations;
        List<OperationRecord> all = new ArrayList<>(operations.all());
        all.sort(Comparator.comparing(OperationRecord::started, Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        table.getItems().setAll(all);
    }

    private boolean live(OperationRecord r) {
        return log != null && r.rollbackDatabase() != null && OperationRecord.SUCCEEDED.equals(r.outcome())
                && !OperationRecord.DISCARD.equals(r.kind()) && log.rollbackPointLive(r.id());
    }

}
