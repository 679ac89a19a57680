package dev.lifeboat.core.archive;

import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.TableStat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns pg_dump's and pg_restore's verbose lines into progress weighted by table size: when the
 * tool starts on a table's data, every table started before it counts as done.
 */
public final class TableProgress {
    private static final String DUMPING = "dumping contents of table \"";
    private static final String RESTORING = "processing data for table \"";

    private final Map<String, Long> bytesByTable = new HashMap<>();
    private final ProgressListener listener;
    private Supplier<List<TableStat>> tables;
    private double total;
    private final double from;
    private final double span;
    private double done;
    private long pending;

    /** Reports progress within [from, from + span] of the listener's scale 0..1. */
    public TableProgress(List<TableStat> tables, ProgressListener listener, double from, double span) {
        this(() -> tables, listener, from, span);
    }

    /**
     * With the tables read only when the first table's line arrives: a backup reads them beside
     * pg_dump, which spends its first moments on its own catalog queries, rather than before it.
     */
    public TableProgress(Supplier<List<TableStat>> tables, ProgressListener listener, double from, double span) {
        this.tables = tables;
        this.listener = listener;
        this.from = from;
        this.span = span;
    }

    private void weigh() {
        long sum = 0;
        for (TableStat t : tables.get()) {
            long b = t.bytes() == null ? 0 : Math.max(t.bytes(), 1);
            bytesByTable.put(t.schema() + "." + t.name(), b);
            sum += b;
        }
        total = Math.max(sum, 1);
        tables = null;
    }

    public void onLine(String line) {
        // indexOf, not a regular expression: this runs for each of thousands of lines while the JIT is cold
        int at = line.indexOf(DUMPING);
        int start = at >= 0 ? at + DUMPING.length() : startAfter(line, RESTORING);
        int end = line.lastIndexOf('"');
        if (start < 0 || end <= start) {
            return;
        }
        if (tables != null) {
            weigh();
        }
        String table = line.substring(start, end);
        done += pending;
        pending = bytesByTable.getOrDefault(table, 0L);
        listener.progress(from + span * Math.min(done / total, 1.0), 1.0,
                (at >= 0 ? "Dumping " : "Restoring ") + table);
    }

    private static int startAfter(String line, String marker) {
        int at = line.indexOf(marker);
        return at < 0 ? -1 : at + marker.length();
    }
}
