package dev.lifeboat.core.retention;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * The local day (epoch day in a zone) of instants given as nanoseconds since the epoch, without
 * making a date object for each: the zone's offset is looked up once per stretch between two of its
 * transitions, and a prune over 35,000 backups asks for 35,000 days (issue 15).
 */
final class LocalDays {
    private static final long NANOS = 1_000_000_000L;
    private static final long SECONDS_PER_DAY = 86_400;

    private final ZoneRules rules;
    private long validFrom = Long.MAX_VALUE;
    private long validUntil = Long.MIN_VALUE;
    private int offset;

    LocalDays(ZoneId zone) {
        this.rules = zone.getRules();
    }

    /** The epoch day, in the zone, of the instant {@code nanos} ns after the epoch. */
    long of(long nanos) {
        long second = Math.floorDiv(nanos, NANOS);
        if (second < validFrom || second >= validUntil) {
            Instant at = Instant.ofEpochSecond(second);
            offset = rules.getOffset(at).getTotalSeconds();
            ZoneOffsetTransition previous = rules.isFixedOffset() ? null : rules.previousTransition(at);
            ZoneOffsetTransition next = rules.isFixedOffset() ? null : rules.nextTransition(at);
            validFrom = previous == null ? Long.MIN_VALUE : previous.toEpochSecond();
            validUntil = next == null ? Long.MAX_VALUE : next.toEpochSecond();
        }
        return Math.floorDiv(second + offset, SECONDS_PER_DAY);
    }

    /**
     * The first instant (ns) from which, up to the last {@link #of} asked, every instant's day is {@code day}
     * or later: the start of that day at the offset of the last stretch asked, but not before the stretch.
     * Only for a day no later than the last one {@link #of} returned.
     */
    long nanosFrom(long day) {
        return toNanos(Math.max(validFrom, day * SECONDS_PER_DAY - offset));
    }

    /**
     * The instant (ns) before which, down to the last {@link #of} asked, every instant's day is {@code day} or
     * earlier: the end of that day at the offset of the last stretch asked, but not after the stretch.
     * Only for a day no earlier than the last one {@link #of} returned.
     */
    long nanosUntil(long day) {
        return toNanos(Math.min(validUntil, (day + 1) * SECONDS_PER_DAY - offset));
    }

    /** Seconds as ns, clamped to the longs' range (a stretch without a transition is unbounded). */
    private static long toNanos(long seconds) {
        if (seconds >= Long.MAX_VALUE / NANOS) {
            return Long.MAX_VALUE;
        }
        return seconds <= Long.MIN_VALUE / NANOS ? Long.MIN_VALUE : seconds * NANOS;
    }
}
