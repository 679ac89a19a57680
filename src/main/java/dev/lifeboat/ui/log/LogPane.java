package dev.lifeboat.ui.log;

import dev.lifeboat.ui.common.Styles;
import javafx.animation.AnimationTimer;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
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

import java.util.Objects;

/**
 * The live log: drains the {@link LogBus} once per frame into its {@link LogModel}, shows all
 * operations or one, follows the tail, and copies to the clipboard.
 */
public final class LogPane extends VBox {
    public static final int CAPACITY = 20_000;
    private static final int PER_FRAME = 2_000;
    private static final String ALL = "All operations";

    private final LogModel model = new LogModel(CAPACITY);
    private final ListView<LogBus.Line> list = new ListView<>(model.shown());
    private final CheckBox follow = new CheckBox("Follow");
    private final AnimationTimer pump;

    public LogPane() {
        getStyleClass().add(Styles.LOG_PANE);
        // The choice list: "All operations", then each operation seen; it and the model follow each other.
        ObservableList<String> choices = FXCollections.observableArrayList(ALL);
        model.operations().addListener((ListChangeListener<String>) c -> {
            while (c.next()) {
                choices.addAll(c.getAddedSubList());
            }
        });
        ComboBox<String> operation = new ComboBox<>(choices);
        operation.setId("logOperation");
        operation.setValue(ALL);
        operation.valueProperty().addListener((o, a, v) -> model.operationProperty().set(v == null || ALL.equals(v) ? null : v));
        model.operationProperty().addListener((o, a, v) -> operation.setValue(v == null ? ALL : v));
        follow.setId("logFollow");
        follow.setSelected(true);
        Button copy = new Button("Copy");
        copy.setId("logCopy");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.text());
            Clipboard.getSystemClipboard().setContent(content);
        });
        Button clear = new Button("Clear");
        clear.setId("logClear");
        clear.setOnAction(e -> model.clear());
        Label title = new Label("Log");
        title.getStyleClass().add(Styles.SECTION_TITLE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(8, title, spacer, operation, follow, copy, clear);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
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
        if (model.add(LogBus.drain(PER_FRAME)) && follow.isSelected() && !model.shown().isEmpty()) {
            list.scrollTo(model.shown().size() - 1);
        }
    }

    public LogModel model() {
        return model;
    }

    public ObservableList<LogBus.Line> lines() {
        return model.lines();
    }

    public void showOperation(String operationId) {
        model.showOperation(operationId);
    }

    public void stop() {
        pump.stop();
    }

    static String format(LogBus.Line l) {
        return LogModel.format(l);
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
