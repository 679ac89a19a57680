package dev.lifeboat.core.retention;

import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.manifest.RetentionFacts;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which backups a policy keeps. Pinned backups and each database's newest verified backup
 * are always kept; a database whose policy is empty keeps everything. Pure: no I/O, so decisions
 * across month and year boundaries are tested on synthetic manifests.
 */
public final class RetentionPlanner {
    private final ZoneId zone;

    public RetentionPlanner(ZoneId zone) {
        this.zone = zone;
    }

    public List<RetentionDecision> plan(Manifest manifest, RetentionPolicies policies, OffsetDateTime now) {
        return plan(manifest.newestFirst().stream().map(RetentionFacts::of).toList(), policies, now);
    }

    /** The same over the facts the catalog's index gives (ManifestStore#retentionFacts), newest first. */
    public List<RetentionDecision> plan(List<RetentionFacts> newestFirst, RetentionPolicies policies, OffsetDateTime now) {
        Map<String, List<RetentionFacts>> byDatabase = new LinkedHashMap<>();
        for (RetentionFacts e : newestFirst) {
            byDatabase.computeIfAbsent(e.database() == null ? "" : e.database(), k -> new ArrayList<>()).add(e);
        }
        List<RetentionDecision> decisions = new ArrayList<>();
        byDatabase.forEach((db, entries) -> decisions.addAll(planDatabase(entries, policies.forDatabase(db), now)));
        return decisions;
    }

    private List<RetentionDecision> planDatabase(List<RetentionFacts> newestFirst, RetentionPolicy p, OffsetDateTime now) {
        // By id (a hand-edited manifest may repeat one: both copies share a decision); a list only once a
        // backup has a reason: in a large folder most backups have none, and 35,000 empty lists cost.
        // Without a policy every backup stays for one reason, shared, so the map still holds only the others.
        Map<String, List<String>> reasons = new HashMap<>();
        List<String> everything = List.of("no retention policy: everything is kept");
        for (RetentionFacts e : newestFirst) {
            if (e.pinned()) {
                reason(reasons, e, "pinned");
            }
        }
        newestFirst.stream().filter(RetentionFacts::verified).findFirst()
                .ifPresent(e -> reason(reasons, e, "the newest verified backup"));
        if (p.keepLast() != null) {
            for (int i = 0; i < Math.min(p.keepLast(), newestFirst.size()); i++) {
                reason(reasons, newestFirst.get(i), "one of the last " + p.keepLast());
            }
        }
        if (p.keepWithin() != null && !p.keepWithin().isBlank()) {
            OffsetDateTime cutoff = now.minus(RetentionPolicy.parseDuration(p.keepWithin()));
            long cutoffKey = cutoff.toEpochSecond() * 1_000_000_000L + cutoff.getNano();
            for (RetentionFacts e : newestFirst) {
                // The sort key is the instant in ns (no date made per backup), but for dates out of its range.
                boolean inRange = e.sortKey() != Long.MIN_VALUE && e.sortKey() != Long.MAX_VALUE;
                if (inRange ? e.sortKey() > cutoffKey : e.createdAt().isAfter(cutoff)) {
                    reason(reasons, e, "younger than " + p.keepWithin());
                }
            }
        }
        bucket(newestFirst, p.keepDaily(), "daily", d -> d.toString(), reasons);
        bucket(newestFirst, p.keepWeekly(), "weekly",
                d -> d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)),
                reasons);
        bucket(newestFirst, p.keepMonthly(), "monthly", d -> d.getYear() + "-" + String.format("%02d", d.getMonthValue()),
                reasons);
        bucket(newestFirst, p.keepYearly(), "yearly", d -> Integer.toString(d.getYear()), reasons);

        List<RetentionDecision> result = new ArrayList<>(newestFirst.size());
        List<String> otherwise = p.isEmpty() ? everything : List.of("no rule of \"" + p.describe() + "\" keeps it");
        for (RetentionFacts e : newestFirst) {
            List<String> why = reasons.get(e.id());
            if (why != null && p.isEmpty()) {
                why = new ArrayList<>(why);
                why.addAll(0, everything);
            }
            boolean keep = why != null || p.isEmpty();
            result.add(new RetentionDecision(e.id(), e.database(), e.datetime(), e.file(), keep,
                    why != null ? List.copyOf(why) : otherwise));
        }
        return result;
    }

    private static void reason(Map<String, List<String>> reasons, RetentionFacts e, String why) {
        reasons.computeIfAbsent(e.id(), k -> new ArrayList<>(2)).add(why);
    }

    /** Keeps the newest backup of each of the last {@code count} periods that have a backup. */
    private void bucket(List<RetentionFacts> newestFirst, Integer count, String label, Function<LocalDate, String> period,
                        Map<String, List<String>> reasons) {
        if (count == null || count <= 0) {
            return;
        }
        Set<String> seen = new HashSet<>();
        LocalDays days = new LocalDays(zone);
        long lastDay = Long.MIN_VALUE;
        String key = null;
        for (RetentionFacts e : newestFirst) {
            if (seen.size() >= count) {
                break;
            }
            // The period's name is made once per local day, not per backup (newest first, a day's backups follow
            // each other); a date outside the sort key's range is read from the entry's own date.
            if (e.sortKey() == Long.MIN_VALUE || e.sortKey() == Long.MAX_VALUE) {
                key = period.apply(e.createdAt().atZoneSameInstant(zone).toLocalDate());
                lastDay = Long.MIN_VALUE;
            } else {
                long day = days.of(e.sortKey());
                if (day != lastDay || key == null) {
                    key = period.apply(LocalDate.ofEpochDay(day));
                    lastDay = day;
                }
            }
            if (seen.add(key)) {
                reason(reasons, e, label + " " + key);
            }
        }
    }
}
