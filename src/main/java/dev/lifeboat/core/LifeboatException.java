package dev.lifeboat.core;

/**
 * The one error type of the core. Its message is written for the person using Lifeboat: what
 * happened and what to do. It never contains a password.
 */
public final class LifeboatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public LifeboatException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public LifeboatException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static LifeboatException cancelled(String what) {
        return new LifeboatException(ErrorCode.CANCELLED, what + " was cancelled. Nothing was recorded.");
    }
}
