package dev.lifeboat.core.backup;

import dev.lifeboat.core.pg.ConnectionSpec;

import java.util.List;

/**
 * What to back up and how to label it.
 *
 * @param estimatedCounts use the planner's row estimates instead of exact counts (very large databases)
 * @param includeGlobals  also save the cluster's roles and tablespaces, when the user may read them
 */
public record BackupRequest(ConnectionSpec connection, String description, List<String> tags,
                            boolean estimatedCounts, boolean includeGlobals) {
    public BackupRequest {
        tags = tags == null || tags.isEmpty() ? List.of("manual") : List.copyOf(tags);
        description = description == null ? "" : description;
    }

    public static BackupRequest of(ConnectionSpec connection, String description, String... tags) {
        return new BackupRequest(connection, description, List.of(tags), false, true);
    }
}
