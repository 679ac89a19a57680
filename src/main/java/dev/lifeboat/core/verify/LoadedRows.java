package dev.lifeboat.core.verify;

import dev.lifeboat.core.manifest.TableStat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Row counts from the rows the server counted as it loaded each table, made comparable with the
 * manifest's: there a table's count is count(*), which includes its inheritance children's rows,
 * so a table's count here is its own rows plus every descendant's. A partitioned table holds no
 * rows of its own. A table whose own or a descendant's rows were not counted while loading (its
 * data not in the archive, a foreign table) gets no count here: the caller counts it.
 */
final class LoadedRows {
    private static final String TREE = "SELECT n.nspname, c.relname, c.relkind, pn.nspname, p.relname\n"
            + dev.lifeboat.core.archive.ArchiveRestorer.RESTORED_TABLES_FROM;

    private record Table(String schema, String name) {
        String qualifiedName() {
            return schema + "." + name;
        }
    }

    private LoadedRows() {
    }

    /** The count per recorded table (by qualified name) where the server counted all its rows; a mutable map. */
    static Map<String, Long> resolve(Connection restored, List<TableStat> recorded, List<TableStat> loaded)
            throws SQLException {
        List<String[]> tree = new ArrayList<>();
        try (Statement st = restored.createStatement(); ResultSet rs = st.executeQuery(TREE)) {
            while (rs.next()) {
                tree.add(new String[]{rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
            }
        }
        return resolve(tree, recorded, loaded);
    }

    /**
     * As above, with the restored database's tables as {@link #TREE} lists them (schema, name, relkind,
     * and the parent's schema and name, or nulls), as the restore's own session read them after its
     * COMMIT ({@code CountedRestore}, decision 011): no connection of its own.
     */
    static Map<String, Long> resolve(List<String[]> tree, List<TableStat> recorded, List<TableStat> loaded) {
        Map<Table, Long> own = new HashMap<>();
        Set<Table> twice = new HashSet<>();
        for (TableStat t : loaded) {
            if (own.put(new Table(t.schema(), t.name()), t.rows()) != null) {
                twice.add(new Table(t.schema(), t.name())); // two data entries for one table: count it instead
            }
        }
        twice.forEach(own::remove);
        Set<Table> partitioned = new HashSet<>();
        Map<Table, List<Table>> children = new HashMap<>();
        for (String[] row : tree) {
            Table t = new Table(row[0], row[1]);
            if ("p".equals(row[2])) {
                partitioned.add(t);
            }
            if (row[4] != null) {
                children.computeIfAbsent(new Table(row[3], row[4]), k -> new ArrayList<>()).add(t);
            }
        }
        Map<String, Long> counts = new HashMap<>();
        for (TableStat r : recorded) {
            Long rows = rows(new Table(r.schema(), r.name()), own, partitioned, children, new HashSet<>());
            if (rows != null) {
                counts.put(r.qualifiedName(), rows);
            }
        }
        return counts;
    }

    /** The table's rows and its descendants', or null when any of them was not counted while loading. */
    private static Long rows(Table t, Map<Table, Long> own, Set<Table> partitioned, Map<Table, List<Table>> children,
                             Set<Table> seen) {
        if (!seen.add(t)) {
            return 0L; // reached twice through multiple inheritance: count(*) sees its rows once
        }
        Long sum = partitioned.contains(t) ? Long.valueOf(0) : own.get(t);
        if (sum == null) {
            return null;
        }
        for (Table child : children.getOrDefault(t, List.of())) {
            Long c = rows(child, own, partitioned, children, seen);
            if (c == null) {
                return null;
            }
            sum += c;
        }
        return sum;
    }
}
