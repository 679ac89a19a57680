package dev.lifeboat.ui.log;

import dev.lifeboat.ui.common.Styles;
import javafx.animation.AnimationTimer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The live log: drains the {@link LogBus} once per frame into a size-capped, virtualized list,
 * shows all operations or one, follows the tail, and copies to the clipboard.
 */
public final class LogPane extends VBox {
    public static final int CAPACITY = 20_000;
    private static final int PER_FRAME = 2_000;
    private static final String ALL = "All operations";

    private final ObservableList<LogBus.Line> lines = FXCollections.observableArrayList();
    private final FilteredList<LogBus.Line> shown = new FilteredList<>(lines);
    private final ListView<LogBus.Line> list = new ListView<>(shown);
    private final ComboBox<String> operation = new ComboBox<>();
    private final CheckBox follow = new CheckBox("Follow");
    private final AnimationTimer pump;

    public LogPane() {
        getStyleClass().add(Styles.LOG_PANE);
        operation.getItems().add(ALL);
        operation.setValue(ALL);
        operation.valueProperty().addListener((o, a, v) -> shown.setPredicate(
                v == null || ALL.equals(v) ? null : l -> v.equals(l.operation())));
        follow.setSelected(true);
        Button copy = new Button("Copy");
        copy.setOnAction(e -> copyToClipboard());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> lines.clear());
        Label title = new Label("Log");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spacer, operation, follow, copy, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 6, 4, 6));
        list.setId("logList");
        list.getStyleClass().add(Styles.LOG_LIST);
        list.setCellFactory(v -> new LineCell());
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(bar, list);
        pump = new AnimationTimer() {
            @Override
            public void handle(long now) {
                drain();
            }
        };
        pump.start();
    }

    /** Moves pending lines into the list; called every frame, also by tests. */
    public void drain() {
        List<LogBus.Line> batch = LogBus.drain(PER_FRAME);
        if (batch.isEmpty()) {
            return;
        }
        lines.addAll(batch);
        if (lines.size() > CAPACITY) {
            lines.remove(0, lines.size() - CAPACITY);
        }
        for (LogBus.Line l : batch) {
            if (l.operation() != null && !operation.getItems().contains(l.operation())) {
                operation.getItems().add(l.operation());
            }
        }
        if (follow.isSelected() && !shown.isEmpty()) {
            list.scrollTo(shown.size() - 1);
        }
    }

    public ObservableList<LogBus.Line> lines() {
        return lines;
    }

    public void showOperation(String operationId) {
        if (operationId != null && !operation.getItems().contains(operationId)) {
            operation.getItems().add(operationId);
        }
        operation.setValue(operationId == null ? ALL : operationId);
    }


    public void stop() {
        pump.stop();
    }

    private void copyToClipboard() {
        ClipboardContent content = new ClipboardContent();
        content.putString(shown.stream().map(LogPane::format).collect(Collectors.joining("\n")));
        Clipboard.getSystemClipboard().setContent(content);
    }

    static String format(LogBus.Line l) {
        return new SimpleDateFormat("HH:mm:ss.SSS").format(new Date(l.timeMillis())) + " " + l.level() + " "
                + l.logger() + ": " + l.message();
    }

    private static final class LineCell extends ListCell<LogBus.Line> {
        @Override
        protected void updateItem(LogBus.Line item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll(Styles.LOG_WARN, Styles.LOG_ERROR);
            if (empty || item == null) {
                setText(null);
                return;
            }
            setText(format(item));
            if (Objects.equals(item.level(), "WARN")) {
                getStyleClass().add(Styles.LOG_WARN);
            } else if (Objects.equals(item.level(), "ERROR")) {
                getStyleClass().add(Styles.LOG_ERROR);
            }
        }
    }
}
