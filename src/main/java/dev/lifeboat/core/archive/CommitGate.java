package dev.lifeboat.core.archive;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.LogContext;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Whether what a restore loads may be committed: the archive's SHA-256, checked beside the load
 * instead of before it (decision 011). A restore in one transaction holds its COMMIT until the gate
 * has passed and ends its script at once when it fails; a restore whose entries commit one by one
 * (parallel jobs, batches, a plain script) starts only once the gate has passed.
 */
public final class CommitGate {
    private static final CommitGate OPEN = new CommitGate(CompletableFuture.completedFuture(null));

    /** Completes with null when the check passed, else with why the restore may not go on. */
    private final CompletableFuture<String> refusal;
    /** The check's thread, until it is started (null: started, or nothing to start). */
    private Thread pending;

    private CommitGate(CompletableFuture<String> refusal) {
        this.refusal = refusal;
    }

    /** Nothing left to check: the archive was checked before the restore started. */
    public static CommitGate open() {
        return OPEN;
    }

    /**
     * Runs the check on a daemon thread of its own, started now; it returns null when the restore may
     * commit, else the reason it may not. A check that throws closes the gate with the exception's message.
     */
    public static CommitGate checking(String threadName, Supplier<String> check) {
        CommitGate gate = checkingFromStart(threadName, check);
        gate.start();
        return gate;
    }

    /**
     * As {@link #checking}, but the check's thread starts at {@link #start}, or at the latest when the
     * gate is first waited for: a restore in one transaction starts it once its loader runs, so that
     * on two cores the check's CPU is spent beside the server's load, not before the loader's start
     * (decision 011, 2026-12-04 session 12). Nothing commits before the check has passed either way.
     */
    public static CommitGate checkingFromStart(String threadName, Supplier<String> check) {
        CompletableFuture<String> refusal = new CompletableFuture<>();
        Supplier<Void> work = LogContext.carried(() -> {
            try {
                refusal.complete(check.get());
            } catch (RuntimeException e) {
                refusal.complete(e instanceof LifeboatException le ? le.getMessage() : e.toString());
            } catch (Error e) {
                refusal.complete("the archive's check failed: " + e); // never leave the restore waiting on it
                throw e;
            }
            return null;
        });
        Thread t = new Thread(work::get, threadName);
        t.setDaemon(true);
        CommitGate gate = new CommitGate(refusal);
        gate.pending = t;
        return gate;
    }

    /** Starts the check if it has not started yet (an open gate has none). */
    public void start() {
        Thread t;
        synchronized (this) {
            t = pending;
            pending = null;
        }
        if (t != null) {
            t.start();
        }
    }

    /** A gate the given check's result decides (tests complete it when they choose). */
    static CommitGate of(CompletableFuture<String> refusal) {
        return new CommitGate(refusal);
    }

    /** Whether the check is done and failed; does not wait. */
    public boolean failed() {
        return refusal.isDone() && refusal.getNow(null) != null;
    }

    /** Waits for the check: null when it passed, else why the restore may not commit. */
    public String awaitRefusal() {
        start();
        try {
            return refusal.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LifeboatException.cancelled("The restore");
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        }
    }

    /** Waits for the check: whether the restore may commit. */
    public boolean passes() {
        return awaitRefusal() == null;
    }
}
