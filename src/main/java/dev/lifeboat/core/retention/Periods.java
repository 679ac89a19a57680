package dev.lifeboat.core.retention;

import dev.lifeboat.core.manifest.RetentionFacts;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.HashSet;
import java.util.Set;

import static dev.lifeboat.core.retention.RetentionPlanner.text;

/** The grandfather-father-son rules of {@link RetentionPlanner}: periods and the newest backup of each. */
final class Periods {
    private Periods() {
    }

    /** As "%02d" formats it, without a Formatter: the period of every day of a long history is named. */
    static String twoDigits(int n) {
        return n >= 0 && n < 10 ? text("0", n, "") : Integer.toString(n);
    }

    /** A grandfather-father-son period: its name ("2023-W07") and the days it spans. */
    enum Period {
        DAILY, WEEKLY, MONTHLY, YEARLY;

        String key(LocalDate d) {
            return switch (this) {
                case DAILY -> d.toString();
                case WEEKLY -> text(Integer.toString(d.get(IsoFields.WEEK_BASED_YEAR)), "-W",
                        twoDigits(d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
                case MONTHLY -> text(Integer.toString(d.getYear()), "-", twoDigits(d.getMonthValue()));
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
    static final class Bucket {
        private final int count;
        private final Period period;
        private final ZoneId zone;
        private final LocalDays days;
        private final Set<String> seen = new HashSet<>();
        // The period's name is made once per period, not per backup: it holds for the days from..to.
        private long from = Long.MAX_VALUE;
        private long to = Long.MIN_VALUE;
        private String key;
        // The sort keys (ns) known to lie in the period last offered: its days while the zone's offset stays as
        // it was. A backup there has that period's key, already offered (so not newer: seen.add is false), and
        // is answered by two comparisons instead of a local day and a set lookup per backup and rule (issue 15).
        private long sameFrom = Long.MAX_VALUE;
        private long sameUntil = Long.MIN_VALUE;

        Bucket(int count, Period period, ZoneId zone) {
            this.count = count;
            this.period = period;
            this.zone = zone;
            this.days = new LocalDays(zone);
        }

        /** The reason this backup stays by this rule ("monthly 2023-02"), or null. */
        String offer(RetentionFacts e) {
            if (seen.size() >= count) {
                return null;
            }
            long sortKey = e.sortKey();
            if (sortKey >= sameFrom && sortKey < sameUntil) {
                return null; // the period last offered, whose key is in seen already
            }
            if (sortKey == Long.MIN_VALUE || sortKey == Long.MAX_VALUE) {
                key = period.key(e.createdAt().atZoneSameInstant(zone).toLocalDate()); // outside the sort key's range
                from = Long.MAX_VALUE;
                to = Long.MIN_VALUE;
                sameFrom = Long.MAX_VALUE;
                sameUntil = Long.MIN_VALUE;
            } else {
                long day = days.of(sortKey);
                if (day < from || day > to) {
                    LocalDate d = LocalDate.ofEpochDay(day);
                    key = period.key(d);
                    from = period.first(d).toEpochDay();
                    to = period.last(d).toEpochDay();
                }
                sameFrom = days.nanosFrom(from);
                sameUntil = days.nanosUntil(to);
            }
            return seen.add(key) ? text(period.label(), " ", key) : null;
        }
    }
}
