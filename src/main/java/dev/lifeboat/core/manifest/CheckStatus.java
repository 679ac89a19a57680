package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The mark a check gets in a verification report. NOT_RUN means the check could not be made (the
 * scratch server unreachable, a tool missing or killed): it says nothing about the backup.
 */
public enum CheckStatus {
    PASS, WARN, FAIL, SKIPPED, NOT_RUN;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }

    /** Whether a verification with this outcome actually judged the backup (it ran). */
    public boolean judged() {
        return this != NOT_RUN;
    }

    /** The worse of two statuses; a report's outcome is the worst of its checks. */
    public CheckStatus worst(CheckStatus other) {
        return rank(other) > rank(this) ? other : this;
    }

    private static int rank(CheckStatus s) {
        return switch (s) {
            case PASS, SKIPPED -> 0;
            case WARN -> 1;
            case NOT_RUN -> 2;
            case FAIL -> 3;
        };
    }
}
