package dev.lifeboat.core.health;

/** Nagios-style states: the exit code monitoring systems expect. */
public enum HealthState {
    OK(0), WARNING(1), CRITICAL(2);

    private final int exitCode;

    HealthState(int exitCode) {
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    public HealthState worst(HealthState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
