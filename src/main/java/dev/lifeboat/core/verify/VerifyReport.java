package dev.lifeboat.core.verify;

import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.TableCheck;

import java.util.List;

/**
 * The checklist a verification produced, in the order the checks ran. Its outcome is the worst
 * check: FAIL is a mark against the backup; NOT_RUN means a check could not be made (see
 * {@link #notRunReason()}) and says nothing about the backup.
 */
public record VerifyReport(String backupId, String file, VerifyDepth depth, CheckStatus outcome, String datetime,
                           double durationSeconds, Double restoreSeconds, List<CheckResult> checks,
                           List<TableCheck> tables) {
    /** No check failed and every check could be made. */
    public boolean passed() {
        return outcome != CheckStatus.FAIL && outcome != CheckStatus.NOT_RUN;
    }

    /** The verification could not be completed (and nothing it did check failed). */
    public boolean notRun() {
        return outcome == CheckStatus.NOT_RUN;
    }

    /** Why the verification could not be completed, or null when it ran. */
    public String notRunReason() {
        return notRunReason(checks);
    }

    static String notRunReason(List<CheckResult> checks) {
        return checks.stream().filter(c -> c.status() == CheckStatus.NOT_RUN)
                .map(c -> c.name() + ": " + (c.detail() == null ? c.actual() : c.detail()))
                .findFirst().orElse(null);
    }

    public List<CheckResult> failures() {
        return checks.stream().filter(c -> c.status() == CheckStatus.FAIL).toList();
    }
}
