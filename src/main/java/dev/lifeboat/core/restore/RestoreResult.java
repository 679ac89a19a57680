package dev.lifeboat.core.restore;

import dev.lifeboat.core.manifest.TableCheck;

import java.util.List;

/** A finished restore: the operation recorded, its checks, and how to undo it. */
public record RestoreResult(String operationId, RestorePlan plan, String restoredDatabase, String rollbackDatabase,
                            String safetyBackupId, double durationSeconds, List<TableCheck> tables) {
}
