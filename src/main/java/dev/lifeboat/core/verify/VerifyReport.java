package dev.lifeboat.core.verify;

import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.TableCheck;

import java.util.List;

/** The checklist a verification produced, in the order the checks ran. */
public record VerifyReport(String backupId, String file, VerifyDepth depth, CheckStatus outcome, String datetime,
                           double durationSeconds, Double restoreSeconds, List<CheckResult> checks,
                           List<TableCheck> tables) {
    public boolean passed() {
        return outcome != CheckStatus.FAIL;
    }

    public List<CheckResult> failures() {
        return checks.stream().filter(c -> c.status() == CheckStatus.FAIL).toList();
    }
}
