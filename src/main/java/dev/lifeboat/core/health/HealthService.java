package dev.lifeboat.core.health;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.destination.DestinationConfig;
import dev.lifeboat.core.destination.DestinationStore;
import dev.lifeboat.core.recovery.Leftover;
import dev.lifeboat.core.recovery.RecoveryService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CopyRecord;
import dev.lifeboat.core.manifest.CopyState;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.VerificationRecord;
import dev.lifeboat.core.retention.RetentionDecision;
import dev.lifeboat.core.retention.RetentionPlanner;
import dev.lifeboat.core.retention.RetentionPolicies;
import dev.lifeboat.core.util.SafeFiles;
import dev.lifeboat.core.util.Sizes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.stream.Stream;

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

    public HealthReport check(OffsetDateTime now) {
        List<HealthCheck> checks = new ArrayList<>();
        if (!Files.isDirectory(store.folder())) {
            checks.add(new HealthCheck(null, "Backup folder", HealthState.CRITICAL, "The backup folder "
                    + store.folder() + " does not exist: no backup can be there. Check the folder (a mount that is "
                    + "missing?), or choose the right one."));
            return report(now, checks);
        }
        Manifest m;
        try {
            m = store.overview();
        } catch (LifeboatException e) {
            checks.add(new HealthCheck(null, "Manifest readable", HealthState.CRITICAL, e.getMessage(), e.remedy()));
            return report(now, checks);
        }
        Map<String, List<BackupEntry>> byDb = new LinkedHashMap<>();
        for (BackupEntry e : m.newestFirst()) {
            byDb.computeIfAbsent(e.database() == null ? "(unknown)" : e.database(), k -> new ArrayList<>()).add(e);
        }
        byDb.forEach((db, entries) -> checkDatabase(db, entries, now, checks));
        List<String> duplicates = m.duplicateIds();
        if (!duplicates.isEmpty()) {
            checks.add(new HealthCheck(null, "Unique ids", HealthState.CRITICAL, "Several entries share the id "
                    + String.join(", ", duplicates) + ": Lifeboat will not verify, restore or prune them until each "
                    + "has its own \"id\" in the manifest."));
        }
        checkFiles(m, checks);
        checkLeftovers(checks);
        checkSpace(m, checks);
        checkRetention(m, now, checks);
        checkCopies(byDb, checks);
        if (byDb.isEmpty()) {
            checks.add(new HealthCheck(null, "Backups", HealthState.WARNING, "The folder has no backups yet.",
                    Remedy.TAKE_BACKUP));
        }
        return report(now, checks);
    }

    private HealthReport report(OffsetDateTime now, List<HealthCheck> checks) {
        HealthState worst = checks.stream().map(HealthCheck::state).reduce(HealthState.OK, HealthState::worst);
        return new HealthReport(store.folder().toString(), now.toString(), worst, List.copyOf(checks));
    }

    private void checkDatabase(String db, List<BackupEntry> newestFirst, OffsetDateTime now, List<HealthCheck> checks) {
        Duration interval = intervalOf.apply(db) == null ? DEFAULT_INTERVAL : intervalOf.apply(db);
        BackupEntry good = newestFirst.stream().filter(e -> store.fileExists(e) && !failed(e))
                .findFirst().orElse(null);
        if (good == null) {
            checks.add(new HealthCheck(db, "Newest good backup", HealthState.CRITICAL,
                    "No usable backup: every backup's file is missing or failed verification.", Remedy.TAKE_BACKUP));
        } else {
            Duration age = Duration.between(good.createdAt(), now);
            HealthState s = age.compareTo(interval.multipliedBy(3)) > 0 ? HealthState.CRITICAL
                    : age.compareTo(interval.multipliedBy(3).dividedBy(2)) > 0 ? HealthState.WARNING : HealthState.OK;
            checks.add(new HealthCheck(db, "Newest good backup", s, good.effectiveId() + " is " + human(age)
                    + " old (expected every " + human(interval) + ")", Remedy.TAKE_BACKUP));
        }
        OffsetDateTime lastVerified = null;
        for (BackupEntry e : newestFirst) {
            for (VerificationRecord v : e.verifications()) {
                if (v.outcome() != CheckStatus.FAIL && v.outcome() != CheckStatus.NOT_RUN && v.datetime() != null) {
                    OffsetDateTime t = OffsetDateTime.parse(v.datetime());
                    lastVerified = lastVerified == null || t.isAfter(lastVerified) ? t : lastVerified;
                }
            }
        }
        if (lastVerified == null) {
            checks.add(new HealthCheck(db, "Last successful verification", HealthState.WARNING,
                    "Never verified: a full verification of the latest backup proves it restores.", Remedy.RUN_VERIFY));
        } else {
            Duration age = Duration.between(lastVerified, now);
            checks.add(new HealthCheck(db, "Last successful verification",
                    age.compareTo(VERIFY_MAX_AGE) > 0 ? HealthState.WARNING : HealthState.OK, human(age) + " ago"));
        }
        BackupEntry newest = newestFirst.get(0);
        List<String> failedIds = newestFirst.stream().filter(HealthService::failed).map(BackupEntry::effectiveId).toList();
        if (failed(newest)) {
            checks.add(new HealthCheck(db, "Failed verifications", HealthState.CRITICAL, "The newest backup "
                    + newest.effectiveId() + " failed its last verification."));
        } else if (!failedIds.isEmpty()) {
            checks.add(new HealthCheck(db, "Failed verifications", HealthState.WARNING, String.join(", ", failedIds)
                    + " failed verification."));
        } else {
            checks.add(new HealthCheck(db, "Failed verifications", HealthState.OK, "none"));
        }
    }

    private void checkFiles(Manifest m, List<HealthCheck> checks) {
        List<String> outside = new ArrayList<>();
        for (BackupEntry e : m.backups()) {
            try {
                if (e.file() != null) {
                    store.fileOf(e);
                }
                store.rolesFileOf(e);
            } catch (LifeboatException x) {
                outside.add(e.effectiveId() + " (" + e.file() + ")");
            }
        }
        if (!outside.isEmpty()) {
            checks.add(new HealthCheck(null, "Entries pointing outside the folder", HealthState.CRITICAL,
                    String.join(", ", outside) + ": Lifeboat will not read or delete their files; correct or remove them"));
        }
        List<String> missing = m.backups().stream().filter(e -> e.file() != null && !store.fileExists(e))
                .map(BackupEntry::file).toList();
        checks.add(new HealthCheck(null, "Files missing for entries", missing.isEmpty() ? HealthState.OK : HealthState.CRITICAL,
                missing.isEmpty() ? "none" : String.join(", ", missing)));
        Set<String> known = new HashSet<>(m.pending());
        for (BackupEntry e : m.backups()) {
            known.add(e.file());
            if (e.globals() != null && e.globals().file() != null) {
                known.add(e.globals().file());
            }
        }
        List<String> orphans = new ArrayList<>();
        try (Stream<Path> files = Files.list(store.folder())) {
            files.map(p -> p.getFileName().toString()).filter(n -> (isBackupName(n) || isBackupFolder(n))
                            && !known.contains(n)).sorted()
                    .forEach(orphans::add);
        } catch (IOException ignored) {
            // an unreadable folder shows up in the manifest check
        }
        checks.add(new HealthCheck(null, "Files without entries", orphans.isEmpty() ? HealthState.OK : HealthState.WARNING,
                orphans.isEmpty() ? "none" : String.join(", ", orphans) + " (import them into the catalog, or remove them)",
                Remedy.RUN_IMPORT));
    }

    /** What interrupted operations left, from the journal and the folder (no server is asked). */
    private void checkLeftovers(List<HealthCheck> checks) {
        List<Leftover> left;
        try {
            left = new RecoveryService(store).find(false);
        } catch (LifeboatException e) {
            checks.add(new HealthCheck(null, "Leftovers of interrupted operations", HealthState.WARNING, e.getMessage()));
            return;
        }
        checks.add(new HealthCheck(null, "Leftovers of interrupted operations",
                left.isEmpty() ? HealthState.OK : HealthState.WARNING, left.isEmpty() ? "none"
                : left.stream().map(Leftover::describe).collect(java.util.stream.Collectors.joining("; "))
                + " (a recovery run cleans them up)", Remedy.RUN_RECOVER));
    }

    /** A directory-format backup's folder, plain or encrypted (a finished one: a partial folder is a leftover). */
    private boolean isBackupFolder(String n) {
        return n.endsWith(dev.lifeboat.core.manifest.BackupFileNames.DIRECTORY_SUFFIX)
                && (Files.isRegularFile(store.folder().resolve(n).resolve("toc.dat"))
                || Files.isRegularFile(store.folder().resolve(n).resolve("toc.dat.age")));
    }

    /** A file import could adopt (roles, partial and temporary files are leftovers, not orphans). */
    private static boolean isBackupName(String n) {
        return dev.lifeboat.core.manifest.BackupFileNames.isBackupFile(n)
                || n.toLowerCase(java.util.Locale.ROOT).endsWith(".dump.age");
    }

    private void checkSpace(Manifest m, List<HealthCheck> checks) {
        long free = SafeFiles.usableSpace(store.folder());
        double avg = m.backups().stream().filter(e -> e.sizeBytes() != null).mapToLong(BackupEntry::sizeBytes).average().orElse(0);
        if (free < 0 || avg == 0) {
            return;
        }
        HealthState s = free < avg ? HealthState.CRITICAL : free < 3 * avg ? HealthState.WARNING : HealthState.OK;
        checks.add(new HealthCheck(null, "Free space", s, Sizes.bytes(free) + " free; an average backup is "
                + Sizes.bytes((long) avg)));
    }

    private void checkRetention(Manifest m, OffsetDateTime now, List<HealthCheck> checks) {
        RetentionPolicies policies = RetentionPolicies.load(store.folder());
        long over = new RetentionPlanner(ZoneId.systemDefault()).plan(m, policies, now).stream()
                .filter(d -> !d.keep()).map(RetentionDecision::backupId).count();
        checks.add(new HealthCheck(null, "Retention", over == 0 ? HealthState.OK : HealthState.WARNING,
                over == 0 ? "the folder follows its policy" : over + " backup(s) are past the policy: prune to delete them",
                Remedy.RUN_PRUNE));
    }

    /** Off-site copies, once the folder has a destination: the newest backups have one, and none failed. */
    private void checkCopies(Map<String, List<BackupEntry>> whole, List<HealthCheck> checks) {
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
        // The overview's thin entries carry each copy's destination and state; a failed copy's detail is in its whole entry.
        whole.forEach((db, newestFirst) -> {
            BackupEntry newest = newestFirst.get(0);
            boolean copied = newest.copyList().stream().anyMatch(CopyRecord::isOk);
            checks.add(new HealthCheck(db, "Off-site copy of the newest backup", copied ? HealthState.OK
                    : HealthState.WARNING, copied ? newest.effectiveId() + " at " + String.join(", ",
                    newest.copyList().stream().filter(CopyRecord::isOk).map(CopyRecord::destination).toList())
                    : newest.effectiveId() + " exists only in this folder: copy it to a destination"));
        });
        List<String> failedCopies = new ArrayList<>();
        whole.values().forEach(list -> list.stream().filter(e -> e.copyList().stream()
                        .anyMatch(c -> c.state() == CopyState.FAILED))
                .map(e -> wholeEntry(e)).forEach(e -> e.copyList().stream().filter(c -> c.state() == CopyState.FAILED)
                        .forEach(c -> failedCopies.add(e.effectiveId() + " at " + c.destination()
                                + (c.detail() == null ? "" : " (" + c.detail() + ")")))));
        checks.add(new HealthCheck(null, "Off-site copies failing their check", failedCopies.isEmpty() ? HealthState.OK
                : HealthState.CRITICAL, failedCopies.isEmpty() ? "none" : String.join("; ", failedCopies)
                + ": copy these backups again"));
    }

    /** The whole entry behind a thin one, or the thin one when it went meanwhile. */
    private BackupEntry wholeEntry(BackupEntry thin) {
        try {
            return store.find(thin.effectiveId());
        } catch (LifeboatException e) {
            return thin;
        }
    }

    private static boolean failed(BackupEntry e) {
        VerificationRecord v = e.lastVerification();
        return v != null && v.outcome() == CheckStatus.FAIL;
    }

    static String human(Duration d) {
        long h = d.toHours();
        return h >= 48 ? d.toDays() + " days" : h >= 1 ? h + " h" : Math.max(0, d.toMinutes()) + " min";
    }
}
