package dev.lifeboat.core.restore;

import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.verify.RowCountCheck;

import java.util.List;

/**
 * A finished restore: the operation recorded, its checks, how to undo it, and warnings (the
 * harmless errors it tolerated, each named).
 *
 * @param countedWhileLoading the server counted the rows as it loaded them (decision 011), rather than a count after
 */
public record RestoreResult(String operationId, RestorePlan plan, String restoredDatabase, String rollbackDatabase,
                            String safetyBackupId, double durationSeconds, List<TableCheck> tables, List<String> warnings,
                            boolean countedWhileLoading) {
    public RestoreResult(String operationId, RestorePlan plan, String restoredDatabase, String rollbackDatabase,
                         String safetyBackupId, double durationSeconds, List<TableCheck> tables, List<String> warnings) {
        this(operationId, plan, restoredDatabase, rollbackDatabase, safetyBackupId, durationSeconds, tables, warnings, false);
    }

    public RestoreResult(String operationId, RestorePlan plan, String restoredDatabase, String rollbackDatabase,
                         String safetyBackupId, double durationSeconds, List<TableCheck> tables) {
        this(operationId, plan, restoredDatabase, rollbackDatabase, safetyBackupId, durationSeconds, tables, List.of());
    }

    /** One line on the row check: "Row counts: 9 of 9 tables match the manifest, counted by the server as it loaded them." */
    public String rowCheck() {
        if (tables.isEmpty()) {
            return "Row counts: none recorded to compare.";
        }
        String actual = RowCountCheck.summarize(tables, "Row counts").actual();
        return "Row counts: " + actual + (actual.endsWith("differ") ? " from" : "") + " the manifest"
                + (countedWhileLoading ? ", counted by the server as it loaded them." : ".");
    }
}
