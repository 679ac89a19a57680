package dev.lifeboat.core;

/**
 * What kind of failure a {@link LifeboatException} reports. The code decides the CLI's exit status
 * and the headline of the desktop app's error dialog; the exception's message says what to do.
 */
public enum ErrorCode {
    USAGE(2, "Invalid input"),
    CONNECTION_FAILED(10, "Cannot reach the server"),
    AUTHENTICATION_FAILED(11, "Authentication failed"),
    DATABASE_NOT_FOUND(12, "Database not found"),
    PERMISSION_DENIED(13, "Permission denied"),
    TOOL_MISSING(20, "PostgreSQL tools not found"),
    TOOL_TOO_OLD(21, "PostgreSQL tools too old"),
    BACKUP_FAILED(30, "Backup failed"),
    DISK_FULL(31, "Disk full"),
    BACKUP_NOT_FOUND(40, "Backup not found"),
    MANIFEST_DAMAGED(41, "Manifest damaged"),
    ARCHIVE_DAMAGED(42, "Backup file damaged"),
    VERIFY_FAILED(50, "Verification failed"),
    VERIFY_NOT_RUN(51, "Could not verify"),
    RESTORE_REFUSED(60, "Restore refused"),
    RESTORE_FAILED(61, "Restore failed"),
    CANCELLED(130, "Cancelled"),
    IO_ERROR(74, "File error"),
    INTERNAL(70, "Internal error");

    private final int exitCode;
    private final String headline;

    ErrorCode(int exitCode, String headline) {
        this.exitCode = exitCode;
        this.headline = headline;
    }

    /** The process exit status the CLI uses for this kind of failure. */
    public int exitCode() {
        return exitCode;
    }

    /** A short title for dialogs and log lines. */
    public String headline() {
        return headline;
    }
}
