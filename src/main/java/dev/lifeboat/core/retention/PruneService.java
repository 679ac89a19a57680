package dev.lifeboat.core.retention;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.destination.PruneCopies;
import dev.lifeboat.core.manifest.BackupDeleter;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.RetentionFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the folder's retention policy: lists what would go (dry run) or deletes it crash-safely.
 * A backup with off-site copies goes with its copies, unless a destination's own policy keeps its
 * copy: then the entry stays, since it is the only record of that copy (decision 010).
 */
public final class PruneService {
    private static final Logger LOG = LoggerFactory.getLogger(PruneService.class);

    private final ManifestStore store;
    private final BackupDeleter deleter;
    private final OffsiteCopies copies;

    public PruneService(ManifestStore store) {
        this(store, new BackupDeleter(store), new PruneCopies(store));
    }

    public PruneService(ManifestStore store, BackupDeleter deleter) {
        this(store, deleter, new PruneCopies(store));
    }

    public PruneService(ManifestStore store, BackupDeleter deleter, OffsiteCopies copies) {
        this.store = store;
        this.deleter = deleter;
        this.copies = copies;
    }

    public PruneResult prune(boolean dryRun, OffsetDateTime now) {
        long t0 = System.nanoTime();
        int finished = dryRun ? 0 : copies.finishPending() + deleter.finishPending();
        RetentionPolicies policies = RetentionPolicies.load(store.folder());
        // The plan reads a few fields of each index line; whole entries are read only for the backups that go.
        List<RetentionFacts> facts = store.retentionFacts();
        Set<String> withCopies = new HashSet<>();
        for (RetentionFacts f : store.retentionFactsWithCopies()) { // none in a folder without destinations
            withCopies.add(f.id());
        }
        List<RetentionDecision> plan = new RetentionPlanner(ZoneId.systemDefault()).plan(facts, policies, now);
        List<RetentionDecision> decisions = withCopies.isEmpty() ? plan : new ArrayList<>(plan.size());
        for (int i = 0; !withCopies.isEmpty() && i < plan.size(); i++) {
            RetentionDecision d = plan.get(i);
            // Without a copy no destination's policy can keep it (removeAll below still rereads the entry).
            boolean hasCopies = !d.keep() && withCopies.contains(d.backupId());
            decisions.add(!hasCopies ? d : copies.keptBy(d.backupId(), now)
                    .map(why -> new RetentionDecision(d.backupId(), d.database(), d.created(), d.file(), true, List.of(why)))
                    .orElse(d));
        }
        // The catalog's part of a prune before any delete (issue 15 measures it): pending work and the plan.
        LOG.info("Planned retention over {} backups in {} ms", facts.size(), (System.nanoTime() - t0) / 1_000_000);
        List<String> deleted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        if (!dryRun) {
            for (RetentionDecision d : decisions) {
                if (!d.keep()) {
                    String remoteFailure = copies.removeAll(d.backupId()).orElse(null);
                    if (remoteFailure != null) {
                        // The entry stays with its copy marked, so no copy is orphaned; the next prune finishes it.
                        LOG.warn("Not pruning {} yet: {}", d.backupId(), remoteFailure);
                        refused.add(d.backupId() + ": " + remoteFailure);
                        continue;
                    }
                    try {
                        deleter.delete(d.backupId());
                    } catch (LifeboatException e) {
                        if (e.code() != ErrorCode.MANIFEST_DAMAGED) {
                            throw e;
                        }
                        // An entry pointing outside the folder, or sharing its id: reported, never acted on.
                        LOG.warn("Not pruning {}: {}", d.backupId(), e.getMessage());
                        refused.add(d.backupId() + ": " + e.getMessage());
                        continue;
                    }
                    deleted.add(d.backupId());
                    LOG.info("Pruned {} ({})", d.backupId(), d.reasons().get(0));
                }
            }
        }
        return new PruneResult(dryRun, decisions, deleted, finished, refused);
    }
}
