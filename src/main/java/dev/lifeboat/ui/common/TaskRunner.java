package dev.lifeboat.ui.common;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The app's {@link TaskExecutor}: owns the worker threads and the list of tasks the operations panel shows. */
public final class TaskRunner implements TaskExecutor {
    /**
     * Start-up work that belongs to no window's runner: the warm-up while the toolkit starts (before any
     * runner exists) and the icons after the first frame (a quickly closed window may have shut its runner
     * down). One daemon thread, never shut down.
     */
    private static final ExecutorService START_UP = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lifeboat-start-up");
        t.setDaemon(true);
        return t;
    });
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

    /** Runs start-up work on the app's one start-up thread (see {@link #START_UP}); any thread may call it. */
    public static void atStartUp(Runnable work) {
        START_UP.execute(work);
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
