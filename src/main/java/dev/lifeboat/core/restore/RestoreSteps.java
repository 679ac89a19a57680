package dev.lifeboat.core.restore;

import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.Pg;

import java.util.ArrayList;
import java.util.List;

/**
 * The steps a restore plan lists, in the person's words, and the names of the working and rollback
 * databases those steps mention. Names in the steps are written as SQL quotes them (public."a.b",
 * "shop copy"), so a DBA reads which object is meant.
 */
final class RestoreSteps {
    private final RestoreRequest req;
    private final RestorePlan shown;
    private final List<TableStat> tables;

    /** {@code tables}: the backup's tables, which tell which table a name written without quotes means. */
    RestoreSteps(RestoreRequest req, RestorePlan shown, List<TableStat> tables) {
        this.req = req;
        this.shown = shown;
        this.tables = tables;
    }

    /** The working and rollback database names: the shown plan's for the same restore, else from the stamp. */
    String[] names(RestoreMode mode, String target, String stamp) {
        if (shown != null && shown.mode() == mode && shown.targetDatabase().equals(target)) {
            return new String[]{shown.workingDatabase(), shown.rollbackDatabase()};
        }
        return new String[]{workingName(mode, target, stamp),
                mode == RestoreMode.REPLACE ? DatabaseNames.derived(target, "before_" + stamp) : null};
    }

    List<String> steps(RestoreMode mode, String targetName, String workingName, String rollbackName,
                       RestoreStrategy strategy) {
        String target = Pg.identIfNeeded(targetName);
        String working = workingName == null ? null : Pg.identIfNeeded(workingName);
        String rollback = rollbackName == null ? null : Pg.identIfNeeded(rollbackName);
        if (req.selective()) {
            return selectiveSteps(mode, target, working);
        }
        String how = " " + strategy.label() + " (" + strategy.reason() + ")";
        String compare = strategy.countsWhileLoading()
                ? "Compare every table's rows, counted by the server as it loads them, with the manifest"
                : "Compare every table's row count with the manifest";
        return switch (mode) {
            case REPLACE -> List.of("Check the backup's SHA-256 against the manifest",
                    "Create database " + working + " and restore the backup into it" + how,
                    compare + "; on any difference drop " + working + " and stop, leaving " + target + " untouched",
                    "Give " + working + " the owner, settings, grants and comment recorded at backup",
                    "Block new connections to " + target + " and end its sessions",
                    "In one transaction rename " + target + " to " + rollback + " and " + working + " to " + target,
                    "Keep " + rollback + " as the rollback point until you discard it");
            case NEW -> List.of("Check the backup's SHA-256 against the manifest",
                    "Create database " + working + " and restore the backup into it" + how,
                    compare + "; on any difference drop " + working,
                    "Give " + working + " the owner, settings, grants and comment recorded at backup");
            case IN_PLACE -> List.of("Check the backup's SHA-256 against the manifest",
                    "Take a safety backup of " + target + " (tagged pre-restore)",
                    "End other sessions on " + target,
                    "In one transaction: drop what the backup recreates (whole schemas at once, or the chosen "
                            + "tables and what depends on them), then run the backup's script; any error that is "
                            + "not a known-harmless one rolls back everything",
                    "Compare the restored tables' row counts with the manifest");
        };
    }

    /** A restore of some tables or schemas: only those (and what they need) change; the rest stays. */
    private List<String> selectiveSteps(RestoreMode mode, String target, String working) {
        List<String> what = new ArrayList<>();
        req.tables().forEach(t -> what.add("table " + SqlNames.displayWritten(t, tables)));
        req.schemas().forEach(sc -> what.add("schema " + SqlNames.displaySchema(sc)));
        String only = String.join(", ", what);
        String into = mode == RestoreMode.NEW ? working : target;
        List<String> steps = new ArrayList<>();
        steps.add("Check the backup's SHA-256 against the manifest");
        if (mode == RestoreMode.NEW) {
            steps.add("Create database " + working);
        } else {
            steps.add("Take a safety backup of " + target + " (tagged pre-restore)");
            steps.add("End other sessions on " + target);
        }
        steps.add(mode == RestoreMode.NEW ? "Restore only " + only + " (with what they need from the backup) into " + into
                : "In one transaction: drop " + only + " and what depends on them, then restore them from the backup; "
                + "every other object in " + target + " stays as it is; any error rolls back everything");
        steps.add("Compare the restored tables' row counts with the manifest");
        return List.copyOf(steps);
    }

    private String workingName(RestoreMode mode, String target, String stamp) {
        return switch (mode) {
            case REPLACE -> DatabaseNames.derived(target, "lifeboat_" + stamp);
            case NEW -> req.newName() != null ? req.newName() : target;
            case IN_PLACE -> target;
        };
    }
}
