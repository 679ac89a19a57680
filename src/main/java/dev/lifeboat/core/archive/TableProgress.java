package dev.lifeboat.core.archive;

import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.TableStat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns pg_dump's and pg_restore's verbose lines into progress weighted by table size: when the
 * tool starts on a table's data, every table started before it counts as done.
 */
public final class TableProgress {
    private static final Pattern TABLE = Pattern.compile(
            "(?:dumping contents of table|processing data for table) \"(.+)\"");

    private final Map<String, Long> bytesByTable = new HashMap<>();
    private final ProgressListener listener;
    private final double total;
    private final double from;
    private final double span;
    private double done;
    private long pending;

    /** Reports progress within [from, from + span] of the listener's scale 0..1. */
    public TableProgress(List<TableStat> tables, ProgressListener listener, double from, double span) {
        long sum = 0;
        for (TableStat t : tables) {
            long b = t.bytes() == null ? 0 : Math.max(t.bytes(), 1);
            bytesByTable.put(t.schema() + "." + t.name(), b);
            sum += b;
        }
        this.total = Math.max(sum, 1);
        this.listener = listener;
        this.from = from;
        this.span = span;
    }

    public void onLine(String line) {
        Matcher m = TABLE.matcher(line);
        if (!m.find()) {
            return;
        }
        String table = m.group(1);
        done += pending;
        pending = bytesByTable.getOrDefault(table, 0L);
        listener.progress(from + span * Math.min(done / total, 1.0), 1.0,
                (line.contains("dumping") ? "Dumping " : "Restoring ") + table);
    }
}
