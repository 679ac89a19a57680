package dev.lifeboat.core.util;

import java.util.Locale;

/** Byte counts and durations the way people read them. */
public final class Sizes {
    private Sizes() {
    }

    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double v = n;
        int u = -1;
        do {
            v /= 1024;
            u++;
        } while (v >= 1024 && u < units.length - 1);
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    public static String seconds(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long total = Math.round(s);
        return total >= 3600 ? String.format(Locale.ROOT, "%dh %02dm", total / 3600, (total % 3600) / 60)
                : String.format(Locale.ROOT, "%dm %02ds", total / 60, total % 60);
    }

    public static double megabytes(long bytes) {
        return Math.round(bytes / 1048576.0 * 100) / 100.0;
    }
}
