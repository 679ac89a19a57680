package dev.lifeboat.core.retention;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.destination.PruneCopies;
import dev.lifeboat.core.manifest.BackupDeleter;
import dev.lifeboat.core.manifest.ManifestStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

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
        int finished = dryRun ? 0 : copies.finishPending() + deleter.finishPending();
        RetentionPolicies policies = RetentionPolicies.load(store.folder());
        List<RetentionDecision> decisions = new ArrayList<>();
        for (RetentionDecision d : new RetentionPlanner(ZoneId.systemDefault()).plan(store.overview(), policies, now)) {
            decisions.add(d.keep() ? d : copies.keptBy(d.backupId(), now)
                    .map(why -> new RetentionDecision(d.backupId(), d.database(), d.created(), d.file(), true, List.of(why)))
                    .orElse(d));
        }
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
