package dev.lifeboat.core.restore;

import dev.lifeboat.core.archive.RestoreStrategy;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * What a restore will do, computed before anything changes: the steps, the estimate, what will
 * differ, and every reason preflight refuses. A plan with problems is never carried out. The
 * strategy is how pg_restore loads the archive into a database of its own (new and replace
 * restores; an in-place restore always runs in one transaction).
 */
public record RestorePlan(String backupId, String backupFile, String server, String targetDatabase,
                          RestoreMode mode, boolean targetExists, boolean targetProtected, String workingDatabase,
                          String rollbackDatabase, List<String> steps, double estimatedSeconds, String estimateBasis,
                          List<TableDiff> tables, String countsNowMethod, String migrationNow, String migrationInBackup,
                          int otherSessions, List<String> missingRoles, List<PlanProblem> refusals,
                          List<String> warnings, RestoreStrategy strategy) {
    public boolean allowed() {
        return refusals.isEmpty();
    }

    /** The refusals' messages alone, for a front end that shows their remedies elsewhere (and the JSON plan). */
    @JsonProperty("problems")
    public List<String> problems() {
        return refusals.stream().map(PlanProblem::message).toList();
    }
}
