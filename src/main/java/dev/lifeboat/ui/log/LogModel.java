package dev.lifeboat.ui.log;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The log pane's state: a size-capped list of lines, the operations seen in it, and which one is
 * shown (null: all). Lines come in batches from the {@link LogBus}; nothing here blocks a logger.
 */
public final class LogModel {
    private final int capacity;
    private final ObservableList<LogBus.Line> lines = FXCollections.observableArrayList();
    /** Held here: a read-only view listened to must live as long as its list (its listener is weak). */
    private final ObservableList<LogBus.Line> linesView = FXCollections.unmodifiableObservableList(lines);
    private final FilteredList<LogBus.Line> shown = new FilteredList<>(lines);
    private final ObservableList<String> operations = FXCollections.observableArrayList();
    /** Held here: a read-only view listened to must live as long as its list (its listener is weak). */
    private final ObservableList<String> operationsView = FXCollections.unmodifiableObservableList(operations);
    private final ObjectProperty<String> operation = new SimpleObjectProperty<>();

    public LogModel(int capacity) {
        this.capacity = capacity;
        operation.addListener((o, a, v) -> shown.setPredicate(v == null ? null : l -> v.equals(l.operation())));
    }

    /** Every line kept (the newest {@code capacity}). */
    public ObservableList<LogBus.Line> lines() {
        return linesView;
    }

    /** The lines of the operation chosen, or all. */
    public ObservableList<LogBus.Line> shown() {
        return shown;
    }

    /** The operation ids seen, in the order they first logged. */
    public ObservableList<String> operations() {
        return operationsView;
    }

    /** The operation shown alone; null shows all. */
    public ObjectProperty<String> operationProperty() {
        return operation;
    }

    /** Adds a batch; returns whether anything was added. Call on the FX thread. */
    public boolean add(List<LogBus.Line> batch) {
        if (batch.isEmpty()) {
            return false;
        }
        lines.addAll(batch);
        if (lines.size() > capacity) {
            lines.remove(0, lines.size() - capacity);
        }
        for (LogBus.Line l : batch) {
            known(l.operation());
        }
        return true;
    }

    private void known(String id) {
        if (id != null && !operations.contains(id)) {
            operations.add(id);
        }
    }

    /** Shows one operation's lines alone (its Log button), or all for null. */
    public void showOperation(String id) {
        known(id);
        operation.set(id);
    }

    public void clear() {
        lines.clear();
    }

    /** The lines shown, as text for the clipboard. */
    public String text() {
        return shown.stream().map(LogModel::format).collect(Collectors.joining("\n"));
    }

    static String format(LogBus.Line l) {
        return new SimpleDateFormat("HH:mm:ss.SSS").format(new Date(l.timeMillis())) + " " + l.level() + " "
                + l.logger() + ": " + l.message();
    }
}
