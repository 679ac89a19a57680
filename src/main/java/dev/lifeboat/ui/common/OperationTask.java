package dev.lifeboat.ui.common;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import javafx.concurrent.Task;
import org.slf4j.MDC;

import java.util.UUID;

/**
 * A long operation as a JavaFX task: its call() only calls the core, passing progress out and
 * cancel in. The log lines it causes carry its operation id so the log pane can show them alone.
 */
public final class OperationTask<T> extends Task<T> {
    /** The core call to run off the FX thread. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ProgressListener progress, CancelToken cancel) throws Exception;
    }

    private final String operationId;
    private final Work<T> work;
    private final CancelToken cancel = new CancelToken();
    private final long createdMillis = System.currentTimeMillis();
    private boolean brief;

    public OperationTask(String title, Work<T> work) {
        this.operationId = title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "")
                + "-" + UUID.randomUUID().toString().substring(0, 6);
        this.work = work;
        updateTitle(title);
        updateMessage("Waiting to start");
    }

    /**
     * Marks a short read the person did not ask for as an operation (a selected backup's details, an
     * archive's contents): listed like every job, but the window does not turn to the Operations tab for it.
     */
    public OperationTask<T> brief() {
        this.brief = true;
        return this;
    }

    public boolean isBrief() {
        return brief;
    }

    /** A brief read leaves the list once it succeeded: it would only crowd the operations a person started. */
    void unlistWhenSucceeded(java.util.List<OperationTask<?>> list) {
        if (brief) {
            addEventHandler(javafx.concurrent.WorkerStateEvent.WORKER_STATE_SUCCEEDED, e -> list.remove(this));
        }
    }

    public String operationId() {
        return operationId;
    }

    public long createdMillis() {
        return createdMillis;
    }

    @Override
    protected T call() throws Exception {
        MDC.put("op", operationId);
        try {
            updateMessage("Starting");
            return work.run((done, total, message) -> {
                if (done >= 0 && total > 0) {
                    updateProgress(done, total);
                }
                if (message != null) {
                    updateMessage(message);
                }
            }, cancel);
        } finally {
            MDC.remove("op");
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        cancel.cancel();
        return super.cancel(mayInterruptIfRunning);
    }
}
