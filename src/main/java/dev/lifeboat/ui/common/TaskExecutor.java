package dev.lifeboat.ui.common;

import javafx.collections.ObservableList;

/**
 * Where every background job of the app runs: {@link TaskRunner} in the app (worker threads), and
 * {@link SameThreadExecutor} in view-model tests, so that they are deterministic. No screen starts
 * a thread of its own; each job is listed for the Operations panel.
 */
public interface TaskExecutor {
    /** Starts the task and lists it; call on the FX thread. */
    <T> OperationTask<T> start(OperationTask<T> task);

    /**
     * Runs a short read the user did not ask for as an operation (the catalog's first read, its
     * follow-up polls): in the background like a task, but not listed for the Operations panel.
     */
    void background(Runnable work);

    /** The jobs started, newest first. */
    ObservableList<OperationTask<?>> tasks();

    /** Cancels what runs and stops the threads. */
    void shutdown();
}
