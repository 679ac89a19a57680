package dev.lifeboat.core.operations;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * One line of the operations log: a restore, a rollback, a discard (later: a safe-run). Records are
 * only appended; the state of a rollback point is the last record that names it.
 *
 * @param refersTo the operation a rollback or discard acts on
 */
public record OperationRecord(String id, String kind, String backupId, String server, String target, String mode,
                              String started, String finished, String outcome, String message,
                              String rollbackDatabase, String safetyBackupId, String refersTo, Double durationSeconds,
                              String command, Integer exitCode) {
    public static final String RESTORE = "restore";
    public static final String ROLLBACK = "rollback";
    public static final String DISCARD = "discard";
    public static final String SAFE_RUN = "safe-run";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    /** A new operation's id: "op_", its start to the second, and four characters to tell two in one second apart. */
    public static String newId() {
        return "op_" + LocalDateTime.now().format(STAMP) + "_" + UUID.randomUUID().toString().substring(0, 4);
    }
}
