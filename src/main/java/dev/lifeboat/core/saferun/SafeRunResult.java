package dev.lifeboat.core.saferun;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.pg.ConnectionSpec;

/**
 * A finished safe-run: the backup taken first, how the command ended, and the way back as data (a replace
 * restore of {@code backup} into {@code database}), which each front end says in its own terms.
 */
public record SafeRunResult(String operationId, BackupEntry backup, int exitCode, double seconds, ConnectionSpec database) {
}
