package dev.lifeboat.core;

/**
 * The one error type of the core. Its message is written for the person using Lifeboat: what
 * happened and what to do. It never contains a password.
 */
public final class LifeboatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final Remedy remedy;

    public LifeboatException(ErrorCode code, String message) {
        this(code, message, Remedy.NONE, null);
    }

    public LifeboatException(ErrorCode code, String message, Remedy remedy, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.remedy = remedy == null ? Remedy.NONE : remedy;
    }

    public LifeboatException(ErrorCode code, String message, Throwable cause) {
        this(code, message, Remedy.NONE, cause);
    }

    public ErrorCode code() {
        return code;
    }

    /** What the person can do, for the front end to render in its own terms. */
    public Remedy remedy() {
        return remedy;
    }

    public static LifeboatException cancelled(String what) {
        return new LifeboatException(ErrorCode.CANCELLED, what + " was cancelled. Nothing was recorded.");
    }
}
