package dev.lifeboat.ui.common;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The app's {@link TaskExecutor}: owns the worker threads and the list of tasks the operations panel shows. */
public final class TaskRunner implements TaskExecutor {
    private final ExecutorService executor;
    private final ObservableList<OperationTask<?>> tasks = FXCollections.observableArrayList();

    public TaskRunner() {
        AtomicInteger n = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "lifeboat-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the task in the background and lists it; call on the FX thread. */
    @Override
    public <T> OperationTask<T> start(OperationTask<T> task) {
        tasks.add(0, task);
        task.unlistWhenSucceeded(tasks);
        executor.submit(task);
        return task;
    }

    @Override
    public void background(Runnable work) {
        executor.execute(work);
    }

    @Override
    public ObservableList<OperationTask<?>> tasks() {
        return tasks;
    }


    /** Cancels what runs (pg_dump and pg_restore are killed, core cleans up) and stops the threads. */
    @Override
    public void shutdown() {
        tasks.forEach(t -> t.cancel(true));
        executor.shutdownNow();
    }
}
