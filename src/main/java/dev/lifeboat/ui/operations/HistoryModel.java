package dev.lifeboat.ui.operations;

import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The History screen's state: the recorded operations, newest first, each with whether its
 * rollback point still exists. The operations log is a file, so it is read by the app's executor.
 */
public final class HistoryModel {
    /** One operation as the table shows it. */
    public record Row(OperationRecord record, boolean rollbackLive) {
    }

    private final TaskExecutor executor;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    /** Held here: a read-only view listened to must live as long as its list (its listener is weak). */
    private final ObservableList<Row> rowsView = FXCollections.unmodifiableObservableList(rows);
    private int generation;

    public HistoryModel(TaskExecutor executor) {
        this.executor = executor;
    }

    public ObservableList<Row> rows() {
        return rowsView;
    }

    /** Reads the folder's operations log off the FX thread; call on the FX thread. */
    public void load(OperationsLog log) {
        int mine = ++generation;
        OperationTask<List<Row>> t = new OperationTask<List<Row>>("Read history", (p, c) -> read(log)).brief();
        t.setOnSucceeded(e -> {
            if (mine == generation) {
                rows.setAll(t.getValue());
            }
        });
        executor.start(t);
    }

    static List<Row> read(OperationsLog log) {
        List<OperationRecord> all = new ArrayList<>(log.all());
        // A rollback point is gone once a rollback or discard that refers to it succeeded.
        Set<String> used = all.stream().filter(r -> r.refersTo() != null && OperationRecord.SUCCEEDED.equals(r.outcome()))
                .map(OperationRecord::refersTo).collect(Collectors.toSet());
        all.sort(Comparator.comparing(OperationRecord::started, Comparator.nullsFirst(Comparator.naturalOrder())).reversed());
        return all.stream().map(r -> new Row(r, r.rollbackDatabase() != null && OperationRecord.SUCCEEDED.equals(r.outcome())
                && !OperationRecord.DISCARD.equals(r.kind()) && !used.contains(r.id()))).toList();
    }
}
