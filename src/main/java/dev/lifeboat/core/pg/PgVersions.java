package dev.lifeboat.core.pg;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PostgreSQL version numbers as comparable major keys (1500 for 15.x, 906 for 9.6.x). */
public final class PgVersions {
    private static final Pattern TOOL_VERSION = Pattern.compile("\\(PostgreSQL\\)\\s+(\\d+)(?:\\.(\\d+))?(?:\\.(\\d+))?\\S*");

    private PgVersions() {
    }

    /** Reads "pg_dump (PostgreSQL) 15.18 (Debian ...)"; returns {majorKey, full version} or null. */
    public static ToolVersion parseToolVersion(String output) {
        Matcher m = TOOL_VERSION.matcher(output);
        if (!m.find()) {
            return null;
        }
        int first = Integer.parseInt(m.group(1));
        int second = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
        int key = first >= 10 ? first * 100 : first * 100 + second;
        String version = m.group(0).substring(m.group(0).indexOf(')') + 1).strip();
        return new ToolVersion(key, version);
    }

    /** Turns a major key back into what people call the version: "15", "9.6". */
    public static String label(int majorKey) {
        return majorKey >= 1000 ? Integer.toString(majorKey / 100) : (majorKey / 100) + "." + (majorKey % 100);
    }

    /** A tool's version: its comparable major key and the full text. */
    public record ToolVersion(int majorKey, String version) {
    }
}
