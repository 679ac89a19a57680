package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.Catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan's preview shows will differ in the target: its tables' row counts now beside the
 * backup's, and the migration version.
 */
final class PlanPreview {
    private final BackupEntry entry;
    private final CancelToken cancel;

    PlanPreview(BackupEntry entry, CancelToken cancel) {
        this.entry = entry;
        this.cancel = cancel;
    }

    List<TableDiff> diffs(Connection t, boolean exact) throws SQLException {
        List<TableStat> now = Catalog.tables(t, false);
        if (exact) {
            now = Catalog.countRows(t, now, cancel);
        }
        Map<String, TableStat> nowByName = new HashMap<>();
        now.forEach(s -> nowByName.put(s.qualifiedName(), s));
        Map<String, TableDiff> result = new java.util.TreeMap<>();
        if (entry.tables() != null) {
            for (TableStat b : entry.tables()) {
                TableStat n = nowByName.remove(b.qualifiedName());
                result.put(b.qualifiedName(), new TableDiff(b.schema(), b.name(), n == null ? null : n.rows(), b.rows()));
            }
        }
        for (TableStat n : nowByName.values()) {
            result.put(n.qualifiedName(), new TableDiff(n.schema(), n.name(), n.rows(), null));
        }
        return List.copyOf(result.values());
    }

    static String versionOf(dev.lifeboat.core.manifest.MigrationInfo m) {
        return m == null ? null : m.tool() + " " + m.version();
    }
}
