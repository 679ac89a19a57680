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
    private volatile boolean quiet;

    public OperationTask(String title, Work<T> work) {
        this.operationId = title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "")
                + "-" + UUID.randomUUID().toString().substring(0, 6);
        this.work = work;
        updateTitle(title);
        updateMessage("Waiting to start");
    }

    public String operationId() {
        return operationId;
    }

    public long createdMillis() {
        return createdMillis;
    }

    /** A short read a screen does for itself: listed in Operations, but the window does not switch to it. */
    public OperationTask<T> quiet() {
        quiet = true;
        return this;
    }

    public boolean isQuiet() {
        return quiet;
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
