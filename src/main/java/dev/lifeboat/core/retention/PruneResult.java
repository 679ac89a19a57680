package dev.lifeboat.core.retention;

import java.util.List;

/**
 * What a prune decided and did. {@code deleted} is empty for a dry run; {@code refused} says which
 * backups were due to go but were left alone, and why (a file outside the folder, a shared id).
 */
public record PruneResult(boolean dryRun, List<RetentionDecision> decisions, List<String> deleted, int finishedPending,
                          List<String> refused) {
    public PruneResult(boolean dryRun, List<RetentionDecision> decisions, List<String> deleted, int finishedPending) {
        this(dryRun, decisions, deleted, finishedPending, List.of());
    }

    public List<RetentionDecision> toDelete() {
        return decisions.stream().filter(d -> !d.keep()).toList();
    }
}
