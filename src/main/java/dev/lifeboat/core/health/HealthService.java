package dev.lifeboat.core.health;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.destination.DestinationConfig;
import dev.lifeboat.core.destination.DestinationStore;
import dev.lifeboat.core.recovery.Leftover;
import dev.lifeboat.core.recovery.RecoveryService;
import dev.lifeboat.core.manifest.CopyRecord;
import dev.lifeboat.core.manifest.CopyState;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.RetentionFacts;
import dev.lifeboat.core.retention.RetentionDecision;
import dev.lifeboat.core.retention.RetentionPlanner;
import dev.lifeboat.core.retention.RetentionPolicies;
import dev.lifeboat.core.util.SafeFiles;
import dev.lifeboat.core.util.Sizes;

import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a backup folder the way a monitoring system would: is each database's newest good backup
 * recent enough for its schedule, was it verified lately, did a verification fail, are files
 * missing or orphaned, is there room for the next backup, and does the folder follow its policy.
 */
public final class HealthService {
    private static final Duration DEFAULT_INTERVAL = Duration.ofDays(1);
    private static final Duration VERIFY_MAX_AGE = Duration.ofDays(7);

    private final ManifestStore store;
    private final Function<String, Duration> intervalOf;

    /** @param intervalOf each database's backup interval from its schedule, or null for the default (a day) */
    public HealthService(ManifestStore store, Function<String, Duration> intervalOf) {
        this.store = store;
        this.intervalOf = intervalOf;
    }

    /** What the checks read from the folder, told apart cheaply ({@link CatalogStamp}); null when it cannot tell. */
    public String stamp() {
        return CatalogStamp.of(store);
    }

    public HealthReport check(OffsetDateTime now) {
        List<HealthCheck> checks = new ArrayList<>();
        if (!Files.isDirectory(store.folder())) {
            checks.add(new HealthCheck(null, "Backup folder", HealthState.CRITICAL, "The backup folder "
                    + store.folder() + " does not exist: no backup can be there. Check the folder (a mount that is "
                    + "missing?), or choose the right one."));
            return report(now, checks);
        }
        // The retention facts carry what every check needs (decision 007's sixth round): one read of a small
        // binary file, no summary or whole entry parsed, whatever the number of backups.
        List<RetentionFacts> newestFirst;
        List<String> pending;
        try {
            newestFirst = store.retentionFacts();
            pending = store.pending();
        } catch (LifeboatException e) {
            checks.add(new HealthCheck(null, "Manifest readable", HealthState.CRITICAL, e.getMessage(), e.remedy()));
            return report(now, checks);
        }
        Map<String, List<RetentionFacts>> byDb = new LinkedHashMap<>();
        for (RetentionFacts e : newestFirst) {
            byDb.computeIfAbsent(e.database() == null ? "(unknown)" : e.database(), k -> new ArrayList<>()).add(e);
        }
        // Oldest first: the manifest's order for a catalog Lifeboat wrote (new backups are appended).
        List<RetentionFacts> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        FileChecks files = new FileChecks(store, oldestFirst);
        byDb.forEach((db, entries) -> checkDatabase(db, entries, files, now, checks));
        List<String> duplicates = duplicateIds(oldestFirst);
        if (!duplicates.isEmpty()) {
            checks.add(new HealthCheck(null, "Unique ids", HealthState.CRITICAL, "Several entries share the id "
                    + String.join(", ", duplicates) + ": Lifeboat will not verify, restore or prune them until each "
                    + "has its own \"id\" in the manifest."));
        }
        files.addTo(checks, pending);
        checkLeftovers(files.folderNames(), checks);
        checkSpace(newestFirst, checks);
        checkRetention(newestFirst, now, checks);
        checkCopies(byDb, checks);
        if (byDb.isEmpty()) {
            checks.add(new HealthCheck(null, "Backups", HealthState.WARNING, "The folder has no backups yet.",
                    Remedy.TAKE_BACKUP));
        }
        return report(now, checks);
    }

    /** Ids that several entries share, in order of first appearance. */
    private static List<String> duplicateIds(List<RetentionFacts> facts) {
        Set<String> seen = new HashSet<>();
        Set<String> twice = new java.util.LinkedHashSet<>();
        for (RetentionFacts f : facts) {
            if (!seen.add(f.id())) {
                twice.add(f.id());
            }
        }
        return List.copyOf(twice);
    }

    private HealthReport report(OffsetDateTime now, List<HealthCheck> checks) {
        HealthState worst = checks.stream().map(HealthCheck::state).reduce(HealthState.OK, HealthState::worst);
        return new HealthReport(store.folder().toString(), now.toString(), worst, List.copyOf(checks));
    }

    private void checkDatabase(String db, List<RetentionFacts> newestFirst, FileChecks files, OffsetDateTime now,
                               List<HealthCheck> checks) {
        Duration interval = intervalOf.apply(db) == null ? DEFAULT_INTERVAL : intervalOf.apply(db);
        RetentionFacts good = newestFirst.stream().filter(e -> files.exists(e) && !e.failed())
                .findFirst().orElse(null);
        if (good == null) {
            checks.add(new HealthCheck(db, "Newest good backup", HealthState.CRITICAL,
                    "No usable backup: every backup's file is missing or failed verification.", Remedy.TAKE_BACKUP));
        } else {
            Duration age = Duration.between(good.createdAt(), now);
            HealthState s = age.compareTo(interval.multipliedBy(3)) > 0 ? HealthState.CRITICAL
                    : age.compareTo(interval.multipliedBy(3).dividedBy(2)) > 0 ? HealthState.WARNING : HealthState.OK;
            checks.add(new HealthCheck(db, "Newest good backup", s, good.id() + " is " + human(age)
                    + " old (expected every " + human(interval) + ")", Remedy.TAKE_BACKUP));
        }
        // Each backup's last verification (as the index keeps it): when it passed or warned, in epoch seconds.
        long lastVerifiedAt = RetentionFacts.NEVER;
        for (RetentionFacts e : newestFirst) {
            lastVerifiedAt = Math.max(lastVerifiedAt, e.verifiedAt());
        }
        if (lastVerifiedAt == RetentionFacts.NEVER) {
            checks.add(new HealthCheck(db, "Last successful verification", HealthState.WARNING,
                    "Never verified: a full verification of the latest backup proves it restores.", Remedy.RUN_VERIFY));
        } else {
            Duration age = Duration.ofSeconds(now.toEpochSecond() - lastVerifiedAt);
            checks.add(new HealthCheck(db, "Last successful verification",
                    age.compareTo(VERIFY_MAX_AGE) > 0 ? HealthState.WARNING : HealthState.OK, human(age) + " ago"));
        }
        RetentionFacts newest = newestFirst.get(0);
        List<String> failedIds = newestFirst.stream().filter(RetentionFacts::failed).map(RetentionFacts::id).toList();
        if (newest.failed()) {
            checks.add(new HealthCheck(db, "Failed verifications", HealthState.CRITICAL, "The newest backup "
                    + newest.id() + " failed its last verification."));
        } else if (!failedIds.isEmpty()) {
            checks.add(new HealthCheck(db, "Failed verifications", HealthState.WARNING, String.join(", ", failedIds)
                    + " failed verification."));
        } else {
            checks.add(new HealthCheck(db, "Failed verifications", HealthState.OK, "none"));
        }
    }

    /** What interrupted operations left, from the journal and the folder (no server is asked). */
    private void checkLeftovers(Set<String> folderNames, List<HealthCheck> checks) {
        List<Leftover> left;
        try {
            left = new RecoveryService(store).find(false, folderNames);
        } catch (LifeboatException e) {
            checks.add(new HealthCheck(null, "Leftovers of interrupted operations", HealthState.WARNING, e.getMessage()));
            return;
        }
        checks.add(new HealthCheck(null, "Leftovers of interrupted operations",
                left.isEmpty() ? HealthState.OK : HealthState.WARNING, left.isEmpty() ? "none"
                : left.stream().map(Leftover::describe).collect(java.util.stream.Collectors.joining("; "))
                + " (a recovery run cleans them up)", Remedy.RUN_RECOVER));
    }

    private void checkSpace(List<RetentionFacts> facts, List<HealthCheck> checks) {
        long free = SafeFiles.usableSpace(store.folder());
        double avg = facts.stream().filter(e -> e.sizeBytes() != null).mapToLong(RetentionFacts::sizeBytes).average().orElse(0);
        if (free < 0 || avg == 0) {
            return;
        }
        HealthState s = free < avg ? HealthState.CRITICAL : free < 3 * avg ? HealthState.WARNING : HealthState.OK;
        checks.add(new HealthCheck(null, "Free space", s, Sizes.bytes(free) + " free; an average backup is "
                + Sizes.bytes((long) avg)));
    }

    private void checkRetention(List<RetentionFacts> newestFirst, OffsetDateTime now, List<HealthCheck> checks) {
        RetentionPolicies policies = RetentionPolicies.load(store.folder());
        long over = new RetentionPlanner(ZoneId.systemDefault()).plan(newestFirst, policies, now).stream()
                .filter(d -> !d.keep()).map(RetentionDecision::backupId).count();
        checks.add(new HealthCheck(null, "Retention", over == 0 ? HealthState.OK : HealthState.WARNING,
                over == 0 ? "the folder follows its policy" : over + " backup(s) are past the policy: prune to delete them",
                Remedy.RUN_PRUNE));
    }

    /** Off-site copies, once the folder has a destination: the newest backups have one, and none failed. */
    private void checkCopies(Map<String, List<RetentionFacts>> whole, List<HealthCheck> checks) {
        List<String> destinations;
        try {
            destinations = new DestinationStore(store.folder()).all().stream().map(DestinationConfig::name).toList();
        } catch (LifeboatException e) {
            checks.add(new HealthCheck(null, "Off-site copies", HealthState.WARNING, e.getMessage()));
            return;
        }
        if (destinations.isEmpty()) {
            return;
        }
        // The facts carry each copy's destination and state; a failed copy's detail is in its whole entry.
        whole.forEach((db, newestFirst) -> {
            RetentionFacts newest = newestFirst.get(0);
            boolean copied = newest.copies().stream().anyMatch(CopyRecord::isOk);
            checks.add(new HealthCheck(db, "Off-site copy of the newest backup", copied ? HealthState.OK
                    : HealthState.WARNING, copied ? newest.id() + " at " + String.join(", ",
                    newest.copies().stream().filter(CopyRecord::isOk).map(CopyRecord::destination).toList())
                    : newest.id() + " exists only in this folder: copy it to a destination"));
        });
        List<String> failedCopies = new ArrayList<>();
        for (List<RetentionFacts> list : whole.values()) {
            for (RetentionFacts e : list) {
                if (e.copies().stream().anyMatch(c -> c.state() == CopyState.FAILED)) {
                    for (CopyRecord c : copiesOf(e)) {
                        if (c.state() == CopyState.FAILED) {
                            failedCopies.add(e.id() + " at " + c.destination() + (c.detail() == null ? "" : " (" + c.detail() + ")"));
                        }
                    }
                }
            }
        }
        checks.add(new HealthCheck(null, "Off-site copies failing their check", failedCopies.isEmpty() ? HealthState.OK
                : HealthState.CRITICAL, failedCopies.isEmpty() ? "none" : String.join("; ", failedCopies)
                + ": copy these backups again"));
    }

    /** The copies of the whole entry (with each failure's detail), or the facts' when the entry went meanwhile. */
    private List<CopyRecord> copiesOf(RetentionFacts facts) {
        try {
            return store.find(facts.id()).copyList();
        } catch (LifeboatException e) {
            return facts.copies();
        }
    }

    static String human(Duration d) {
        long h = d.toHours();
        return h >= 48 ? d.toDays() + " days" : h >= 1 ? h + " h" : Math.max(0, d.toMinutes()) + " min";
    }
}
