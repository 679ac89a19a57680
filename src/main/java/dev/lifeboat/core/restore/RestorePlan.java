package dev.lifeboat.core.restore;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What a restore will do, computed before anything changes: the steps, the estimate, what will
 * differ, and every reason preflight refuses. A plan with problems is never carried out.
 */
public record RestorePlan(String backupId, String backupFile, String server, String targetDatabase,
                          RestoreMode mode, boolean targetExists, boolean targetProtected, String workingDatabase,
                          String rollbackDatabase, List<String> steps, double estimatedSeconds, String estimateBasis,
                          List<TableDiff> tables, String countsNowMethod, String migrationNow, String migrationInBackup,
                          int otherSessions, List<String> missingRoles, List<PlanProblem> refusals,
                          List<String> warnings) {
    public boolean allowed() {
        return refusals.isEmpty();
    }

    /** The refusals' messages alone, for a front end that shows their remedies elsewhere (and the JSON plan). */
    @JsonProperty("problems")
    public List<String> problems() {
        return refusals.stream().map(PlanProblem::message).toList();
    }
}
