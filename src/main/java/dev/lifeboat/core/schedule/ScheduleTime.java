package dev.lifeboat.core.schedule;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a schedule runs, in a form every OS scheduler can express: "hourly", "daily 02:30",
 * "weekly sun 03:00".
 */
public record ScheduleTime(String kind, DayOfWeek day, int hour, int minute) {
    private static final Pattern DAILY = Pattern.compile("daily\\s+(\\d{1,2}):(\\d{2})");
    private static final Pattern WEEKLY = Pattern.compile("weekly\\s+([a-z]{3})[a-z]*\\s+(\\d{1,2}):(\\d{2})");

    public static ScheduleTime parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("hourly")) {
            return new ScheduleTime("hourly", null, 0, 0);
        }
        Matcher d = DAILY.matcher(t);
        if (d.matches()) {
            return new ScheduleTime("daily", null, hour(d.group(1)), minute(d.group(2)));
        }
        Matcher w = WEEKLY.matcher(t);
        if (w.matches()) {
            for (DayOfWeek day : DayOfWeek.values()) {
                if (day.name().toLowerCase(Locale.ROOT).startsWith(w.group(1))) {
                    return new ScheduleTime("weekly", day, hour(w.group(2)), minute(w.group(3)));
                }
            }
        }
        throw new LifeboatException(ErrorCode.USAGE, "Cannot read the schedule '" + text + "': use 'hourly', "
                + "'daily HH:MM' or 'weekly DAY HH:MM' (for example 'daily 02:30' or 'weekly sun 03:00').");
    }

    private static int hour(String s) {
        int h = Integer.parseInt(s);
        if (h > 23) {
            throw new LifeboatException(ErrorCode.USAGE, "Hour " + h + " is not between 0 and 23.");
        }
        return h;
    }

    private static int minute(String s) {
        int m = Integer.parseInt(s);
        if (m > 59) {
            throw new LifeboatException(ErrorCode.USAGE, "Minute " + m + " is not between 0 and 59.");
        }
        return m;
    }

    public String text() {
        return switch (kind) {
            case "hourly" -> "hourly";
            case "daily" -> String.format("daily %02d:%02d", hour, minute);
            default -> String.format("weekly %s %02d:%02d", day.name().substring(0, 3).toLowerCase(Locale.ROOT), hour, minute);
        };
    }

    /** How often it runs; health compares a backup's age against it. */
    public Duration interval() {
        return switch (kind) {
            case "hourly" -> Duration.ofHours(1);
            case "daily" -> Duration.ofDays(1);
            default -> Duration.ofDays(7);
        };
    }

    /** The next run after the given local time. */
    public LocalDateTime next(LocalDateTime after) {
        LocalDateTime base = after.truncatedTo(ChronoUnit.MINUTES);
        return switch (kind) {
            case "hourly" -> base.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            case "daily" -> {
                LocalDateTime c = base.withHour(hour).withMinute(minute);
                yield c.isAfter(after) ? c : c.plusDays(1);
            }
            default -> {
                LocalDateTime c = base.with(TemporalAdjusters.nextOrSame(day)).withHour(hour).withMinute(minute);
                yield c.isAfter(after) ? c : c.plusWeeks(1);
            }
        };
    }

    /** systemd's OnCalendar= expression. */
    public String systemdCalendar() {
        return switch (kind) {
            case "hourly" -> "*-*-* *:00:00";
            case "daily" -> String.format("*-*-* %02d:%02d:00", hour, minute);
            default -> String.format("%s *-*-* %02d:%02d:00", cap(day), hour, minute);
        };
    }

    /** The five time fields of a crontab line. */
    public String cron() {
        return switch (kind) {
            case "hourly" -> "0 * * * *";
            case "daily" -> String.format("%d %d * * *", minute, hour);
            default -> String.format("%d %d * * %d", minute, hour, day.getValue() % 7);
        };
    }

    private static String cap(DayOfWeek d) {
        String n = d.name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1, 3);
    }
}
