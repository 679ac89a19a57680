package dev.lifeboat.core.restore;

import dev.lifeboat.core.manifest.TableCheck;

import java.util.List;

/**
 * A finished restore: the operation recorded, its checks, how to undo it, and warnings (the
 * harmless errors it tolerated, each named).
 */
public record RestoreResult(String operationId, RestorePlan plan, String restoredDatabase, String rollbackDatabase,
                            String safetyBackupId, double durationSeconds, List<TableCheck> tables, List<String> warnings) {
    public RestoreResult(String operationId, RestorePlan plan, String restoredDatabase, String rollbackDatabase,
                         String safetyBackupId, double durationSeconds, List<TableCheck> tables) {
        this(operationId, plan, restoredDatabase, rollbackDatabase, safetyBackupId, durationSeconds, tables, List.of());
    }
}
