package dev.lifeboat.core.retention;

import java.util.List;

/** What a prune decided and did. {@code deleted} is empty for a dry run. */
public record PruneResult(boolean dryRun, List<RetentionDecision> decisions, List<String> deleted, int finishedPending) {
    public List<RetentionDecision> toDelete() {
        return decisions.stream().filter(d -> !d.keep()).toList();
    }
}
