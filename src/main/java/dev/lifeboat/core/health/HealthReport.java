package dev.lifeboat.core.health;

import java.util.List;

/** The health of a backup folder: the worst state and every check behind it. */
public record HealthReport(String folder, String checkedAt, HealthState state, List<HealthCheck> checks) {
}
