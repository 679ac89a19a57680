package dev.lifeboat.core.destination;

import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CopyRecord;
import dev.lifeboat.core.manifest.CopyState;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.RetentionFacts;
import dev.lifeboat.core.retention.RetentionDecision;
import dev.lifeboat.core.retention.RetentionPlanner;
import dev.lifeboat.core.retention.RetentionPolicies;
import dev.lifeboat.core.retention.RetentionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies a destination's own retention policy to the copies it holds, crash-safely as locally:
 * one manifest write marks the copy as being deleted, then the object goes, then the record; an
 * interrupted prune leaves a marked record that the next run finishes, never an object the
 * manifest forgot or a record of a copy that is gone.
 */
public final class RemotePruneService {
    private static final Logger LOG = LoggerFactory.getLogger(RemotePruneService.class);

    public record RemotePruneResult(String destination, boolean dryRun, List<RetentionDecision> decisions,
                                    List<String> deleted, int finished) {
    }

    private final ManifestStore store;
    private final DestinationStore destinations;
    private final Function<DestinationConfig, Destination> opener;
    private final Runnable betweenMarkAndDelete;

    public RemotePruneService(ManifestStore store) {
        this(store, new DestinationStore(store.folder()), Destinations::open, () -> { });
    }

    /** With a hook run after the mark and before the delete; tests use it to simulate a crash there. */
    public RemotePruneService(ManifestStore store, DestinationStore destinations,
                              Function<DestinationConfig, Destination> opener, Runnable betweenMarkAndDelete) {
        this.store = store;
        this.destinations = destinations;
        this.opener = opener;
        this.betweenMarkAndDelete = betweenMarkAndDelete;
    }

    public RemotePruneResult prune(String destinationName, boolean dryRun, OffsetDateTime now) {
        DestinationConfig config = destinations.get(destinationName);
        RetentionPolicy policy = config.retention() == null ? new RetentionPolicy(null, null, null, null, null, null)
                : config.retention();
        try (Destination dest = opener.apply(config)) {
            int finished = dryRun ? 0 : finishPending(store, destinationName, dest);
            List<RetentionDecision> decisions = plan(store.retentionFacts(), destinationName, policy, now);
            List<String> deleted = new ArrayList<>();
            if (!dryRun) {
                for (RetentionDecision d : decisions) {
                    if (!d.keep()) {
                        store.replace(d.backupId(), e -> e.withCopy(destinationName,
                                e.copyAt(destinationName).orElseThrow().withCheck(null, CopyState.DELETING, "pruned")));
                        betweenMarkAndDelete.run();
                        finishPending(store, destinationName, dest);
                        deleted.add(d.backupId());
                        LOG.info("Pruned the copy of {} at {}", d.backupId(), destinationName);
                    }
                }
            }
            return new RemotePruneResult(destinationName, dryRun, decisions, deleted, finished);
        }
    }

    /**
     * The destination's policy applied to the backups it holds a good copy of, planned from the catalog's
     * retention facts (each copy's destination and state), newest first: no whole entry is parsed.
     */
    static List<RetentionDecision> plan(List<RetentionFacts> newestFirst, String destinationName, RetentionPolicy policy,
                                        OffsetDateTime now) {
        List<RetentionFacts> held = new ArrayList<>();
        for (RetentionFacts f : newestFirst) {
            CopyRecord c = copyAt(f, destinationName);
            if (c != null && c.isOk()) {
                held.add(f);
            }
        }
        return new RetentionPlanner(ZoneId.systemDefault()).plan(held, new RetentionPolicies(policy, Map.of()), now);
    }

    /**
     * Deletes the objects of copies marked as being deleted, then their records. The facts say which
     * backups have such a copy; only those entries are read whole (for the object's key).
     */
    static int finishPending(ManifestStore store, String destinationName, Destination dest) {
        int done = 0;
        for (RetentionFacts f : store.retentionFactsWithCopies()) {
            CopyRecord marked = copyAt(f, destinationName);
            if (marked == null || marked.state() != CopyState.DELETING) {
                continue;
            }
            BackupEntry e = store.find(f.id());
            CopyRecord c = e.copyAt(destinationName).orElse(null);
            if (c == null || c.state() != CopyState.DELETING) {
                continue;
            }
            if (ArchiveFiles.isDirectoryBackup(e)) {
                DirectoryCopies.deleteAll(dest, c.key(), ArchiveFiles.recorded(e).keySet());
            } else {
                dest.delete(c.key());
            }
            if (e.globals() != null && e.globals().file() != null) {
                dest.delete(e.globals().file());
            }
            store.replace(e.effectiveId(), x -> x.withCopy(destinationName, null));
            done++;
        }
        return done;
    }

    /** The first copy recorded at the destination, as {@link BackupEntry#copyAt} finds it, or null. */
    private static CopyRecord copyAt(RetentionFacts f, String destinationName) {
        for (CopyRecord c : f.copies()) {
            if (destinationName.equals(c.destination())) {
                return c;
            }
        }
        return null;
    }
}
