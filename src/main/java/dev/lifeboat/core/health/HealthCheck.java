package dev.lifeboat.core.health;

import dev.lifeboat.core.Remedy;

/**
 * One line of the health report; {@code database} is null for folder-wide checks. The remedy is what
 * fixes a finding, for the CLI to say as its command and the app to offer as a button.
 */
public record HealthCheck(String database, String name, HealthState state, String detail, Remedy remedy) {
    public HealthCheck {
        remedy = remedy == null || state == HealthState.OK ? Remedy.NONE : remedy;
    }

    public HealthCheck(String database, String name, HealthState state, String detail) {
        this(database, name, state, detail, Remedy.NONE);
    }
}
