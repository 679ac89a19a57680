package dev.lifeboat.core.schedule;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The OS scheduler entries for a schedule, as text: a systemd user service and timer, a crontab
 * line, a launchd agent, a Task Scheduler task. Each calls {@code lifeboat scheduled-run NAME}.
 */
public final class SchedulerFiles {
    private SchedulerFiles() {
    }

    public static String systemdService(Schedule s, List<String> launcher) {
        return "[Unit]\n"
                + "Description=Lifeboat scheduled backup " + s.name() + "\n"
                + "Wants=network-online.target\n"
                + "After=network-online.target\n\n"
                + "[Service]\n"
                + "Type=oneshot\n"
                + "ExecStart=" + launcher.stream().map(SchedulerFiles::systemdQuote).collect(Collectors.joining(" "))
                + " scheduled-run " + systemdQuote(s.name()) + "\n";
    }

    public static String systemdTimer(Schedule s) {
        return "[Unit]\n"
                + "Description=Lifeboat scheduled backup " + s.name() + " (" + s.time().text() + ")\n\n"
                + "[Timer]\n"
                + "OnCalendar=" + s.time().systemdCalendar() + "\n"
                + "Persistent=true\n"
                + "RandomizedDelaySec=60\n\n"
                + "[Install]\n"
                + "WantedBy=timers.target\n";
    }

    public static String crontabLine(Schedule s, List<String> launcher) {
        return s.time().cron() + " " + launcher.stream().map(SchedulerFiles::shellQuote).collect(Collectors.joining(" "))
                + " scheduled-run " + shellQuote(s.name()) + " # lifeboat:" + s.name();
    }

    public static String launchdPlist(Schedule s, List<String> launcher) {
        ScheduleTime t = s.time();
        StringBuilder interval = new StringBuilder("  <key>StartCalendarInterval</key>\n  <dict>\n");
        if (!t.kind().equals("hourly")) {
            interval.append("    <key>Hour</key><integer>").append(t.hour()).append("</integer>\n");
        }
        interval.append("    <key>Minute</key><integer>").append(t.minute()).append("</integer>\n");
        if (t.kind().equals("weekly")) {
            interval.append("    <key>Weekday</key><integer>").append(t.day().getValue() % 7).append("</integer>\n");
        }
        interval.append("  </dict>\n");
        StringBuilder args = new StringBuilder();
        for (String a : launcher) {
            args.append("    <string>").append(xml(a)).append("</string>\n");
        }
        args.append("    <string>scheduled-run</string>\n    <string>").append(xml(s.name())).append("</string>\n");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\">\n<dict>\n"
                + "  <key>Label</key><string>dev.lifeboat." + xml(s.unitName()) + "</string>\n"
                + "  <key>ProgramArguments</key>\n  <array>\n" + args + "  </array>\n"
                + interval
                + "  <key>StandardErrorPath</key><string>/tmp/" + xml(s.unitName()) + ".log</string>\n"
                + "</dict>\n</plist>\n";
    }

    public static String windowsTaskXml(Schedule s, List<String> launcher) {
        ScheduleTime t = s.time();
        String start = String.format("2026-01-01T%02d:%02d:00", t.hour(), t.minute());
        String trigger = switch (t.kind()) {
            case "hourly" -> "<CalendarTrigger><StartBoundary>2026-01-01T00:00:00</StartBoundary>"
                    + "<Repetition><Interval>PT1H</Interval></Repetition>"
                    + "<ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger>";
            case "daily" -> "<CalendarTrigger><StartBoundary>" + start + "</StartBoundary>"
                    + "<ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay></CalendarTrigger>";
            default -> "<CalendarTrigger><StartBoundary>" + start + "</StartBoundary><ScheduleByWeek>"
                    + "<DaysOfWeek><" + dayName(t) + " /></DaysOfWeek><WeeksInterval>1</WeeksInterval>"
                    + "</ScheduleByWeek></CalendarTrigger>";
        };
        String args = launcher.subList(1, launcher.size()).stream().map(SchedulerFiles::windowsQuote)
                .collect(Collectors.joining(" "));
        return "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n"
                + "<Task version=\"1.2\" xmlns=\"http://schemas.microsoft.com/windows/2004/02/mit/task\">\n"
                + "  <RegistrationInfo><Description>Lifeboat scheduled backup " + xml(s.name()) + "</Description></RegistrationInfo>\n"
                + "  <Triggers>" + trigger + "</Triggers>\n"
                + "  <Settings><StartWhenAvailable>true</StartWhenAvailable><MultipleInstancesPolicy>IgnoreNew"
                + "</MultipleInstancesPolicy><ExecutionTimeLimit>PT12H</ExecutionTimeLimit></Settings>\n"
                + "  <Actions><Exec><Command>" + xml(launcher.get(0)) + "</Command><Arguments>"
                + xml((args.isEmpty() ? "" : args + " ") + "scheduled-run " + windowsQuote(s.name()))
                + "</Arguments></Exec></Actions>\n"
                + "</Task>\n";
    }

    private static String dayName(ScheduleTime t) {
        String n = t.day().name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }

    /**
     * systemd's own quoting for ExecStart: double quotes with backslash escapes, and its specifier
     * and variable characters doubled ({@code %%}, {@code $$}) so they stay literal.
     */
    static String systemdQuote(String s) {
        requireOneLine(s);
        String escaped = s.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%").replace("$", "$$");
        return s.matches("[A-Za-z0-9_./:=@+-]+") ? s : "\"" + escaped + "\"";
    }

    /** POSIX shell quoting for the crontab line; crontab also gives % a meaning, so it is escaped. */
    static String shellQuote(String s) {
        requireOneLine(s);
        return s.matches("[A-Za-z0-9_./:=@+-]+") ? s : "'" + s.replace("'", "'\\''").replace("%", "\\%") + "'";
    }

    /** The Windows command-line convention (CommandLineToArgvW): backslashes before a quote doubled. */
    static String windowsQuote(String s) {
        requireOneLine(s);
        if (s.matches("[A-Za-z0-9_./:=@+\\\\-]+")) {
            return s;
        }
        StringBuilder sb = new StringBuilder("\"");
        int backslashes = 0;
        for (char c : s.toCharArray()) {
            if (c == '\\') {
                backslashes++;
                continue;
            }
            sb.append("\\".repeat(c == '"' ? backslashes * 2 + 1 : backslashes)).append(c);
            backslashes = 0;
        }
        return sb.append("\\".repeat(backslashes * 2)).append('"').toString();
    }

    /** A line break would end the line or the directive it is in, whatever the quoting. */
    private static void requireOneLine(String s) {
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\0') >= 0) {
            throw new dev.lifeboat.core.LifeboatException(dev.lifeboat.core.ErrorCode.USAGE,
                    "A scheduler entry cannot hold a line break: " + s.strip());
        }
    }

    private static String xml(String s) {
        requireOneLine(s);
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
