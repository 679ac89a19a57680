package dev.lifeboat.core.saferun;

import dev.lifeboat.core.manifest.BackupEntry;

/** A finished safe-run: the backup taken first, how the command ended, and how to go back. */
public record SafeRunResult(String operationId, BackupEntry backup, int exitCode, double seconds, String restoreCommand) {
}
