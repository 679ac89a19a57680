package dev.lifeboat.core;

/** How long work reports progress out of the core, without knowing who listens. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, message) -> { };

    /**
     * @param done    work done so far, in any unit
     * @param total   total work in the same unit, or a negative number when unknown
     * @param message the current step, in words
     */
    void progress(double done, double total, String message);

    default void step(String message) {
        progress(-1, -1, message);
    }
}
