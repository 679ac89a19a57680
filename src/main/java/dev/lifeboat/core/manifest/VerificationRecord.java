package dev.lifeboat.core.manifest;

import java.util.List;

/** One verification of a backup, as kept in the manifest's history for that backup. */
public record VerificationRecord(String datetime, String depth, CheckStatus outcome, Double durationSeconds,
                                 Double restoreSeconds, List<CheckResult> checks, List<TableCheck> tables) {
}
