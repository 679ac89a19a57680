package dev.lifeboat.core.health;

/** One line of the health report; {@code database} is null for folder-wide checks. */
public record HealthCheck(String database, String name, HealthState state, String detail) {
}
