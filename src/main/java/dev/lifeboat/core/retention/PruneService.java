package dev.lifeboat.core.retention;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupDeleter;
import dev.lifeboat.core.manifest.ManifestStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Applies the folder's retention policy: lists what would go (dry run) or deletes it crash-safely. */
public final class PruneService {
    private static final Logger LOG = LoggerFactory.getLogger(PruneService.class);

    private final ManifestStore store;
    private final BackupDeleter deleter;

    public PruneService(ManifestStore store) {
        this(store, new BackupDeleter(store));
    }

    public PruneService(ManifestStore store, BackupDeleter deleter) {
        this.store = store;
        this.deleter = deleter;
    }

    public PruneResult prune(boolean dryRun, OffsetDateTime now) {
        int finished = dryRun ? 0 : deleter.finishPending();
        RetentionPolicies policies = RetentionPolicies.load(store.folder());
        List<RetentionDecision> decisions = new RetentionPlanner(ZoneId.systemDefault()).plan(store.overview(), policies, now);
        List<String> deleted = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        if (!dryRun) {
            for (RetentionDecision d : decisions) {
                if (!d.keep()) {
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
