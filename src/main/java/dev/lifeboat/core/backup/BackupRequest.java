package dev.lifeboat.core.backup;

import dev.lifeboat.core.pg.ConnectionSpec;

import java.util.List;

/**
 * What to back up and how to label it.
 *
 * @param estimatedCounts use the planner's row estimates instead of exact counts (very large databases)
 * @param includeGlobals  also save the cluster's roles and tablespaces, when the user may read them
 * @param encryptTo       age recipients (age1…) to encrypt the dump to as it streams; empty: not encrypted
 */
public record BackupRequest(ConnectionSpec connection, String description, List<String> tags,
                            boolean estimatedCounts, boolean includeGlobals, List<String> encryptTo) {
    public BackupRequest {
        tags = tags == null || tags.isEmpty() ? List.of("manual") : List.copyOf(tags);
        description = description == null ? "" : description;
        encryptTo = encryptTo == null ? List.of() : List.copyOf(encryptTo);
    }

    public BackupRequest(ConnectionSpec connection, String description, List<String> tags, boolean estimatedCounts,
                         boolean includeGlobals) {
        this(connection, description, tags, estimatedCounts, includeGlobals, List.of());
    }

    public BackupRequest withEncryptTo(List<String> recipients) {
        return new BackupRequest(connection, description, tags, estimatedCounts, includeGlobals, recipients);
    }

    public static BackupRequest of(ConnectionSpec connection, String description, String... tags) {
        return new BackupRequest(connection, description, List.of(tags), false, true);
    }
}
