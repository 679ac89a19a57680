package dev.lifeboat.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Carries a cancel request into the core. Whoever starts a long operation keeps the token and may
 * call {@link #cancel()} from any thread; the core checks it between steps and registers hooks that
 * stop running child processes at once.
 */
public final class CancelToken {
    private volatile boolean cancelled;
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();

    public static CancelToken none() {
        return new CancelToken();
    }

    public void cancel() {
        cancelled = true;
        for (Runnable hook : hooks) {
            hook.run();
        }
    }

    public boolean isCancelled() {
        return cancelled || Thread.currentThread().isInterrupted();
    }

    /** Runs the hook on cancel, or at once when already cancelled. Returns a handle to remove it. */
    public Runnable onCancel(Runnable hook) {
        hooks.add(hook);
        if (cancelled) {
            hook.run();
        }
        return () -> hooks.remove(hook);
    }

    public void throwIfCancelled(String what) {
        if (isCancelled()) {
            throw LifeboatException.cancelled(what);
        }
    }
}
