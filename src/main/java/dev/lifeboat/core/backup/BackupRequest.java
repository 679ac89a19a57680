package dev.lifeboat.core.backup;

import dev.lifeboat.core.pg.ConnectionSpec;

import java.util.List;

/**
 * What to back up and how to label it.
 *
 * @param estimatedCounts use the planner's row estimates instead of exact counts (very large databases)
 * @param includeGlobals  also save the cluster's roles and tablespaces, when the user may read them
 * @param encryptTo       age recipients (age1…) to encrypt the dump to as it streams; empty: not encrypted
 * @param jobs            1: one custom-format file (pg_dump -Fc); 2 to {@link #MAX_JOBS}: a directory-format
 *                        backup dumped by that many parallel pg_dump workers
 */
public record BackupRequest(ConnectionSpec connection, String description, List<String> tags,
                            boolean estimatedCounts, boolean includeGlobals, List<String> encryptTo, int jobs) {
    /** More workers than this only queue on the server's and the disk's limits; a typo of 800 should not start 800 sessions. */
    public static final int MAX_JOBS = 64;

    public BackupRequest {
        if (jobs < 1 || jobs > MAX_JOBS) {
            throw new dev.lifeboat.core.LifeboatException(dev.lifeboat.core.ErrorCode.USAGE, "The number of parallel "
                    + "jobs must be between 1 and " + MAX_JOBS + ", not " + jobs + ". Use 2 to 4 on a small machine: "
                    + "each job is one pg_dump worker and one server session.");
        }
        tags = tags == null || tags.isEmpty() ? List.of("manual") : List.copyOf(tags);
        description = description == null ? "" : description;
        encryptTo = encryptTo == null ? List.of() : List.copyOf(encryptTo);
    }

    public BackupRequest(ConnectionSpec connection, String description, List<String> tags, boolean estimatedCounts,
                         boolean includeGlobals) {
        this(connection, description, tags, estimatedCounts, includeGlobals, List.of());
    }

    public BackupRequest(ConnectionSpec connection, String description, List<String> tags, boolean estimatedCounts,
                         boolean includeGlobals, List<String> encryptTo) {
        this(connection, description, tags, estimatedCounts, includeGlobals, encryptTo, 1);
    }

    public BackupRequest withEncryptTo(List<String> recipients) {
        return new BackupRequest(connection, description, tags, estimatedCounts, includeGlobals, recipients, jobs);
    }

    public BackupRequest withJobs(int n) {
        return new BackupRequest(connection, description, tags, estimatedCounts, includeGlobals, encryptTo, n);
    }

    /** A directory-format backup with parallel workers. */
    public boolean parallel() {
        return jobs > 1;
    }

    public static BackupRequest of(ConnectionSpec connection, String description, String... tags) {
        return new BackupRequest(connection, description, List.of(tags), false, true);
    }
}
