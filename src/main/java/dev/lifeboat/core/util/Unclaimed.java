package dev.lifeboat.core.util;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One thing a command started before it knew it would use it (a connection, a database made on it),
 * waiting to be claimed once: taken by the work it fits, else undone — when another is offered in its
 * place, when the work that asks for it is other than the one it was made for, or when the command
 * ends without asking.
 */
public final class Unclaimed<T> {
    private final AtomicReference<T> waiting = new AtomicReference<>();
    private final Consumer<T> undo;

    /** @param undo what undoes one nobody claims (closes it, drops it) */
    public Unclaimed(Consumer<T> undo) {
        this.undo = undo;
    }

    /** Offers {@code made} for the work to come; one offered before and not claimed is undone. */
    public void offer(T made) {
        Optional.ofNullable(waiting.getAndSet(made)).ifPresent(undo);
    }

    /** The one waiting, once, when it fits; one that does not fit is undone. */
    public Optional<T> claim(Predicate<T> fits) {
        T made = waiting.getAndSet(null);
        if (made == null) {
            return Optional.empty();
        }
        if (fits.test(made)) {
            return Optional.of(made);
        }
        undo.accept(made);
        return Optional.empty();
    }

    /** Undoes the one no work claimed. */
    public void undoUnclaimed() {
        Optional.ofNullable(waiting.getAndSet(null)).ifPresent(undo);
    }

    /** Whether one is waiting (for tests). */
    public boolean isWaiting() {
        return waiting.get() != null;
    }
}
