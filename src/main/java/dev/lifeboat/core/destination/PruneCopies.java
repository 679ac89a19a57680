package dev.lifeboat.core.destination;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CopyRecord;
import dev.lifeboat.core.manifest.CopyState;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.RetentionFacts;
import dev.lifeboat.core.retention.OffsiteCopies;
import dev.lifeboat.core.retention.RetentionDecision;
import dev.lifeboat.core.retention.RetentionPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The off-site side of a local prune (decision 010). A destination without a policy of its own
 * follows the local one: its copy goes with the entry. A destination whose own policy keeps the
 * copy keeps the entry too, because the entry is the only record of the copy and its hash. Copies
 * go the crash-safe way remote prune uses: one manifest write marks them, then the objects go,
 * then the records, and only then the entry; the next prune finishes an interrupted one.
 */
public final class PruneCopies implements OffsiteCopies {
    private static final Logger LOG = LoggerFactory.getLogger(PruneCopies.class);

    private final ManifestStore store;
    private final DestinationStore destinations;
    private final Function<DestinationConfig, Destination> opener;
    private final Runnable betweenMarkAndDelete;
    private final Map<String, Set<String>> keptByDestination = new HashMap<>();
    private OffsetDateTime plannedFor;

    public PruneCopies(ManifestStore store) {
        this(store, new DestinationStore(store.folder()), Destinations::open, () -> { });
    }

    /** With a hook run after the mark and before the delete; tests use it to simulate a crash there. */
    public PruneCopies(ManifestStore store, DestinationStore destinations, Function<DestinationConfig, Destination> opener,
                       Runnable betweenMarkAndDelete) {
        this.store = store;
        this.destinations = destinations;
        this.opener = opener;
        this.betweenMarkAndDelete = betweenMarkAndDelete;
    }

    @Override
    public int finishPending() {
        int done = 0;
        for (String name : destinationsDeleting()) {
            try (Destination dest = opener.apply(destinations.get(name))) {
                done += RemotePruneService.finishPending(store, name, dest);
            } catch (LifeboatException e) {
                if (e.code() == ErrorCode.CANCELLED) {
                    throw e;
                }
                // Still marked: the entries stay, and the next prune tries again.
                LOG.warn("Could not finish deleting copies at {}: {}", name, e.getMessage());
            }
        }
        return done;
    }

    @Override
    public Optional<String> keptBy(String backupId, OffsetDateTime now) {
        BackupEntry entry = store.find(backupId);
        for (CopyRecord c : entry.copyList()) {
            if (c.isOk() && keptAt(c.destination(), now).contains(entry.effectiveId())) {
                return Optional.of("its copy at " + c.destination() + " is kept by that destination's own retention");
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> removeAll(String backupId) {
        BackupEntry entry = store.find(backupId);
        List<String> names = entry.copyList().stream().map(CopyRecord::destination).toList();
        if (names.isEmpty()) {
            return Optional.empty();
        }
        store.replace(entry.effectiveId(), e -> {
            BackupEntry marked = e;
            for (CopyRecord c : e.copyList()) {
                marked = marked.withCopy(c.destination(), c.withCheck(null, CopyState.DELETING, "pruned with the local backup"));
            }
            return marked;
        });
        betweenMarkAndDelete.run();
        List<String> failed = new ArrayList<>();
        for (String name : names) {
            try (Destination dest = opener.apply(destinations.get(name))) {
                RemotePruneService.finishPending(store, name, dest);
                LOG.info("Pruned the copy of {} at {} with the local backup", entry.effectiveId(), name);
            } catch (LifeboatException e) {
                if (e.code() == ErrorCode.CANCELLED) {
                    throw e;
                }
                failed.add(name + " (" + e.getMessage() + ")");
            }
        }
        return failed.isEmpty() ? Optional.empty() : Optional.of("its copies at " + String.join(", ", failed)
                + " could not be deleted; the backup stays until the next prune deletes them");
    }

    /** The ids each destination's own policy keeps, planned once per prune. */
    private Set<String> keptAt(String name, OffsetDateTime now) {
        if (!now.equals(plannedFor)) {
            keptByDestination.clear();
            plannedFor = now;
        }
        return keptByDestination.computeIfAbsent(name, n -> {
            DestinationConfig config = destinations.all().stream().filter(d -> d.name().equals(n)).findFirst().orElse(null);
            RetentionPolicy policy = config == null ? null : config.retention();
            if (policy == null || policy.isEmpty()) {
                return Set.of(); // no policy of its own: the copy follows the local decision
            }
            return RemotePruneService.plan(store.retentionFacts(), n, policy, now).stream().filter(RetentionDecision::keep)
                    .map(RetentionDecision::backupId).collect(Collectors.toSet());
        });
    }

    /** The destinations holding a copy marked as being deleted (no lambda: a cold JVM's first one costs). */
    private List<String> destinationsDeleting() {
        // The index's few fields carry each copy's destination and state: no whole entry is parsed. A loop,
        // not a stream: a prune runs it once in a cold JVM, where a stream's first use costs (issue 15).
        // Only the facts with a copy: a folder without destinations makes no pass at all.
        Set<String> names = new LinkedHashSet<>();
        for (RetentionFacts f : store.retentionFactsWithCopies()) {
            for (CopyRecord c : f.copies()) {
                if (c.state() == CopyState.DELETING) {
                    names.add(c.destination());
                }
            }
        }
        return List.copyOf(names);
    }
}
