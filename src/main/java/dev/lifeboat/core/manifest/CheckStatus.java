package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.annotation.JsonValue;

/** The mark a check gets in a verification report. */
public enum CheckStatus {
    PASS, WARN, FAIL, SKIPPED;

    @JsonValue
    public String json() {
        return name().toLowerCase();
    }

    /** The worse of two statuses; a report's outcome is the worst of its checks. */
    public CheckStatus worst(CheckStatus other) {
        return rank(other) > rank(this) ? other : this;
    }

    private static int rank(CheckStatus s) {
        return switch (s) {
            case PASS, SKIPPED -> 0;
            case WARN -> 1;
            case FAIL -> 2;
        };
    }
}
