package dev.lifeboat.ui.common;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Owns the executor for long work and the list of tasks the operations panel shows. */
public final class TaskRunner {
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
    public <T> OperationTask<T> start(OperationTask<T> task) {
        tasks.add(0, task);
        executor.submit(task);
        return task;
    }

    public ObservableList<OperationTask<?>> tasks() {
        return tasks;
    }


    /** Cancels what runs (pg_dump and pg_restore are killed, core cleans up) and stops the threads. */
    public void shutdown() {
        tasks.forEach(t -> t.cancel(true));
        executor.shutdownNow();
    }
}
