package dev.lifeboat.ui.operations;

import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.Styles;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.collections.transformation.FilteredList;
import javafx.concurrent.Worker;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

import java.util.function.Consumer;

/** Running and finished tasks: a real progress bar, the current step, elapsed time and Cancel. */
public final class OperationsPanel extends ListView<OperationTask<?>> {
    public OperationsPanel(javafx.collections.ObservableList<OperationTask<?>> tasks, Consumer<String> showLog) {
        this(new FilteredList<>(tasks, OperationsPanel::shown), showLog);
    }

    private OperationsPanel(FilteredList<OperationTask<?>> visible, Consumer<String> showLog) {
        super(visible);
        setId("operations");
        setPlaceholder(new Label("No operations yet. Backups, verifications and restores appear here while they run."));
        setCellFactory(v -> new TaskCell(showLog, this));
        Timeline tick = new Timeline(new KeyFrame(Duration.seconds(1), e -> {
            visible.setPredicate(t -> true); // evaluated again: a screen's read that has ended leaves the list
            visible.setPredicate(OperationsPanel::shown);
            refresh();
        }));
        tick.setCycleCount(Timeline.INDEFINITE);
        tick.play();
    }

    /**
     * A screen's own short read (a quiet task) is listed while it runs, so it can be seen and
     * cancelled, and leaves the list when it ends, so the operations a person started stay in view.
     */
    private static boolean shown(OperationTask<?> t) {
        return !t.isQuiet() || t.isRunning() || t.getState() == Worker.State.READY || t.getState() == Worker.State.SCHEDULED
                || t.getState() == Worker.State.FAILED;
    }

    private static final class TaskCell extends ListCell<OperationTask<?>> {
        private final Label title = new Label();
        private final Label message = new Label();
        private final Label elapsed = new Label();
        private final ProgressBar bar = new ProgressBar();
        private final Button cancel = new Button("Cancel");
        private final Button log = new Button("Log");
        private final VBox box;

        TaskCell(Consumer<String> showLog, ListView<?> list) {
            title.getStyleClass().add(Styles.SECTION_TITLE);
            message.getStyleClass().add(Styles.MUTED);
            elapsed.getStyleClass().add(Styles.MUTED);
            bar.setPrefWidth(260);
            bar.setMinWidth(120);
            // Long titles and messages give way (ellipsis, full text in a tooltip); the buttons never do.
            title.setMinWidth(0);
            message.setMinWidth(0);
            title.setTextOverrun(javafx.scene.control.OverrunStyle.CENTER_ELLIPSIS);
            for (Button b : new Button[]{log, cancel}) {
                b.setMinWidth(Region.USE_PREF_SIZE);
            }
            elapsed.setMinWidth(Region.USE_PREF_SIZE);
            cancel.setId("operationCancel");
            log.setId("operationLog");
            Region spacer = new Region();
            HBox.setHgrow(spacer, Priority.ALWAYS);
            HBox top = new HBox(10, title, spacer, elapsed, log, cancel);
            top.setAlignment(Pos.CENTER_LEFT);
            HBox bottom = new HBox(10, bar, message);
            bottom.setAlignment(Pos.CENTER_LEFT);
            box = new VBox(4, top, bottom);
            box.getStyleClass().add("operation-cell");
            // As wide as the list, no wider: a long title shrinks instead of pushing the buttons away.
            box.prefWidthProperty().bind(list.widthProperty().subtract(30));
            box.setMinWidth(0);
            cancel.setOnAction(e -> {
                if (getItem() != null) {
                    getItem().cancel(true);
                }
            });
            log.setOnAction(e -> {
                if (getItem() != null) {
                    showLog.accept(getItem().operationId());
                }
            });
        }

        @Override
        protected void updateItem(OperationTask<?> t, boolean empty) {
            super.updateItem(t, empty);
            bar.progressProperty().unbind();
            message.textProperty().unbind();
            if (empty || t == null) {
                setGraphic(null);
                return;
            }
            title.setText(t.getTitle());
            title.setTooltip(new Tooltip(t.getTitle()));
            Worker.State s = t.getState();
            boolean running = s == Worker.State.RUNNING || s == Worker.State.SCHEDULED || s == Worker.State.READY;
            cancel.setDisable(!running);
            if (running) {
                bar.progressProperty().bind(t.progressProperty());
                message.textProperty().bind(t.messageProperty());
            } else {
                // An ended operation's bar stands still: full when it succeeded, empty otherwise.
                bar.setProgress(s == Worker.State.SUCCEEDED ? 1 : 0);
                message.setText(switch (s) {
                    case SUCCEEDED -> t.getMessage() == null || t.getMessage().equals("Starting") ? "Finished"
                            : "Finished: " + t.getMessage();
                    case CANCELLED -> "Cancelled; nothing was left half-done";
                    case FAILED -> "\u2716 Failed: " + (t.getException() == null ? "" : t.getException().getMessage());
                    default -> t.getMessage();
                });
            }
            message.setTooltip(new Tooltip(message.getText()));
            long secs = (System.currentTimeMillis() - t.createdMillis()) / 1000;
            elapsed.setText(running ? String.format("%d:%02d", secs / 60, secs % 60)
                    : s == Worker.State.SUCCEEDED ? "finished" : s.name().toLowerCase());
            setGraphic(box);
        }
    }
}
