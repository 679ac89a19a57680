package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How an off-site copy stands: checked and good, failed its check, or being deleted by a prune. */
public enum CopyState {
    OK, FAILED, DELETING;

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }
}
