package dev.lifeboat.core.restore;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;

import java.util.Locale;

/** How a restore treats its target. */
public enum RestoreMode {
    /** Restore beside the target, check, then swap names in one step; the old database stays as a rollback point. */
    REPLACE,
    /** Restore into a new database; the target is not touched. */
    NEW,
    /** Safety backup of the target, then clear what the backup recreates and restore it, in one transaction. */
    IN_PLACE;

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static RestoreMode parse(String text) {
        for (RestoreMode m : values()) {
            if (m.label().equalsIgnoreCase(text.strip())) {
                return m;
            }
        }
        throw new LifeboatException(ErrorCode.USAGE, "Unknown restore mode '" + text + "': use replace, new or in-place.");
    }
}
