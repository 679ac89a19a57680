package dev.lifeboat.core.retention;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which backups of one database to keep: the last N; D daily, W weekly, M monthly, Y yearly
 * (grandfather-father-son: the newest backup of each of the last periods that have one); and
 * everything younger than a duration. A backup is kept if any rule keeps it.
 */
public record RetentionPolicy(Integer keepLast, Integer keepDaily, Integer keepWeekly, Integer keepMonthly,
                              Integer keepYearly, String keepWithin) {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*([hdwmy])");

    /** True when no rule is set: such a policy prunes nothing. */
    @JsonIgnore
    public boolean isEmpty() {
        return keepLast == null && keepDaily == null && keepWeekly == null && keepMonthly == null && keepYearly == null
                && (keepWithin == null || keepWithin.isBlank());
    }

    /** "7d", "12h", "2w", "6m" (30 days each), "1y" (365 days). */
    public static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new LifeboatException(ErrorCode.USAGE, "Cannot read the duration '" + text + "': use a number and h, d, "
                    + "w, m or y, such as 30d or 12h.");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "m" -> Duration.ofDays(30 * n);
            default -> Duration.ofDays(365 * n);
        };
    }

    public String describe() {
        List<String> parts = new ArrayList<>();
        if (keepLast != null) {
            parts.add("last " + keepLast);
        }
        if (keepDaily != null) {
            parts.add(keepDaily + " daily");
        }
        if (keepWeekly != null) {
            parts.add(keepWeekly + " weekly");
        }
        if (keepMonthly != null) {
            parts.add(keepMonthly + " monthly");
        }
        if (keepYearly != null) {
            parts.add(keepYearly + " yearly");
        }
        if (keepWithin != null && !keepWithin.isBlank()) {
            parts.add("everything within " + keepWithin);
        }
        return parts.isEmpty() ? "keep everything (no policy)" : "keep " + String.join(", ", parts);
    }
}
