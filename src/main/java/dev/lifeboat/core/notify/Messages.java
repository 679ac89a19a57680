package dev.lifeboat.core.notify;

import java.net.InetAddress;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/** The words of an email notification: a subject naming the database and what failed, a body saying what to do. */
final class Messages {
    private Messages() {
    }

    static String subject(String event, Map<String, Object> details) {
        Object db = details == null ? null : details.get("database");
        String of = db == null ? "" : " of " + db;
        return "Lifeboat on " + host() + ": " + switch (event) {
            case "scheduled-backup-failed" -> "the scheduled backup" + of + " failed";
            case "verification-failed" -> "the verification" + of + " failed";
            case "copy-failed" -> "the off-site copy" + of + " failed its check";
            case "health-critical" -> "health is critical" + (details != null && details.get("folder") != null
                    ? " for " + details.get("folder") : "");
            case "test" -> "test notification";
            default -> event + of;
        };
    }

    static String body(String event, String message, Map<String, Object> details) {
        String todo = switch (event) {
            case "scheduled-backup-failed" -> "No new backup was taken. Check that the server is reachable and the "
                    + "password is available to the scheduler, then run the schedule again.";
            case "verification-failed" -> "Do not rely on this backup. Take a new backup and verify it; keep the "
                    + "failed one for inspection.";
            case "copy-failed" -> "The backup exists locally but its off-site copy does not count. Check the "
                    + "destination, then copy the backup again.";
            case "health-critical" -> "Open Lifeboat or run its health check to see which check is critical, and "
                    + "act on it before the next backup is needed.";
            case "test" -> "Nothing to do: notifications reach you.";
            default -> "See the Lifeboat log for details.";
        };
        StringBuilder b = new StringBuilder(message).append("\n\nWhat to do: ").append(todo).append("\n\n");
        if (details != null) {
            details.forEach((k, v) -> {
                if (v instanceof java.util.Collection<?> many) {
                    b.append(k).append(":\n");
                    many.forEach(x -> b.append("  - ").append(x).append('\n'));
                } else {
                    b.append(k).append(": ").append(v).append('\n');
                }
            });
        }
        b.append("host: ").append(host()).append('\n')
                .append("time: ").append(OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        return b.toString();
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown host";
        }
    }
}
