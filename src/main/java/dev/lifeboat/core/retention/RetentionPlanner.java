package dev.lifeboat.core.retention;

import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.manifest.RetentionFacts;

import java.time.DayOfWeek;
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
            String db = e.database() == null ? "" : e.database();
            List<RetentionFacts> entries = byDatabase.get(db);
            if (entries == null) {
                entries = new ArrayList<>();
                byDatabase.put(db, entries);
            }
            entries.add(e);
        }
        List<RetentionDecision> decisions = new ArrayList<>();
        for (Map.Entry<String, List<RetentionFacts>> db : byDatabase.entrySet()) {
            decisions.addAll(planDatabase(db.getValue(), policies.forDatabase(db.getKey()), now));
        }
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
        for (RetentionFacts e : newestFirst) {
            if (e.verified()) {
                reason(reasons, e, "the newest verified backup");
                break;
            }
        }
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
        bucket(newestFirst, p.keepDaily(), Period.DAILY, reasons);
        bucket(newestFirst, p.keepWeekly(), Period.WEEKLY, reasons);
        bucket(newestFirst, p.keepMonthly(), Period.MONTHLY, reasons);
        bucket(newestFirst, p.keepYearly(), Period.YEARLY, reasons);

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

    /** As "%02d" formats it, without a Formatter: the period of every day of a long history is named. */
    private static String twoDigits(int n) {
        return n >= 0 && n < 10 ? "0" + n : Integer.toString(n);
    }

    private static void reason(Map<String, List<String>> reasons, RetentionFacts e, String why) {
        reasons.computeIfAbsent(e.id(), k -> new ArrayList<>(2)).add(why);
    }

    /** A grandfather-father-son period: its name ("2023-W07") and the days it spans. */
    private enum Period {
        DAILY, WEEKLY, MONTHLY, YEARLY;

        String key(LocalDate d) {
            return switch (this) {
                case DAILY -> d.toString();
                case WEEKLY -> d.get(IsoFields.WEEK_BASED_YEAR) + "-W" + twoDigits(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                case MONTHLY -> d.getYear() + "-" + twoDigits(d.getMonthValue());
                case YEARLY -> Integer.toString(d.getYear());
            };
        }

        LocalDate first(LocalDate d) {
            return switch (this) {
                case DAILY -> d;
                case WEEKLY -> d.with(DayOfWeek.MONDAY);
                case MONTHLY -> d.withDayOfMonth(1);
                case YEARLY -> d.withDayOfYear(1);
            };
        }

        LocalDate last(LocalDate d) {
            return switch (this) {
                case DAILY -> d;
                case WEEKLY -> d.with(DayOfWeek.SUNDAY);
                case MONTHLY -> d.withDayOfMonth(d.lengthOfMonth());
                case YEARLY -> d.withDayOfYear(d.lengthOfYear());
            };
        }

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Keeps the newest backup of each of the last {@code count} periods that have a backup. */
    private void bucket(List<RetentionFacts> newestFirst, Integer count, Period period, Map<String, List<String>> reasons) {
        if (count == null || count <= 0) {
            return;
        }
        Set<String> seen = new HashSet<>();
        LocalDays days = new LocalDays(zone);
        // The period's name is made once per period, not per backup: it holds for the days from..to.
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        String key = null;
        for (RetentionFacts e : newestFirst) {
            if (seen.size() >= count) {
                break;
            }
            if (e.sortKey() == Long.MIN_VALUE || e.sortKey() == Long.MAX_VALUE) {
                key = period.key(e.createdAt().atZoneSameInstant(zone).toLocalDate()); // outside the sort key's range
                from = Long.MAX_VALUE;
                to = Long.MIN_VALUE;
            } else {
                long day = days.of(e.sortKey());
                if (day < from || day > to) {
                    LocalDate d = LocalDate.ofEpochDay(day);
                    key = period.key(d);
                    from = period.first(d).toEpochDay();
                    to = period.last(d).toEpochDay();
                }
            }
            if (seen.add(key)) {
                reason(reasons, e, period.label() + " " + key);
            }
        }
    }
}
