package dev.lifeboat.ui.common;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs each task's work at once on the calling thread (the FX thread in tests): the work has
 * finished when the call returns, and JavaFX publishes the outcome (handlers, properties) on the
 * next pulse, so a test waits for FX events once instead of polling for a worker thread.
 */
public final class SameThreadExecutor implements TaskExecutor {
    private final ObservableList<OperationTask<?>> tasks = FXCollections.observableArrayList();

    @Override
    public <T> OperationTask<T> start(OperationTask<T> task) {
        tasks.add(0, task);
        task.unlistWhenSucceeded(tasks);
        task.run();
        return task;
    }

    @Override
    public void background(Runnable work) {
        work.run();
    }

    @Override
    public ObservableList<OperationTask<?>> tasks() {
        return tasks;
    }

    @Override
    public void shutdown() {
        tasks.forEach(t -> t.cancel(true));
    }
}
