package dev.lifeboat.core.verify;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.Catalog;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Compares the row counts recorded at backup with those in a restored database, table by table. */
public final class RowCountCheck {
    private RowCountCheck() {
    }

    /**
     * @param estimated the recorded counts are planner estimates, so a difference is a warning
     */
    public static List<TableCheck> compare(List<TableStat> recorded, Connection restored, boolean estimated,
                                           CancelToken cancel) throws SQLException {
        return compare(recorded, null, restored, estimated, cancel);
    }

    /**
     * As {@link #compare(List, Connection, boolean, CancelToken)}, with the rows the server counted
     * as it loaded each table (its COPY tags): a table whose rows, and its inheritance children's,
     * were all counted so is not counted again; any other is counted with count(*).
     *
     * @param loaded the server's counts per table loaded, or null to count every table
     */
    public static List<TableCheck> compare(List<TableStat> recorded, List<TableStat> loaded, Connection restored,
                                           boolean estimated, CancelToken cancel) throws SQLException {
        Map<String, Long> counted = loaded == null ? new HashMap<>() : LoadedRows.resolve(restored, recorded, loaded);
        if (recorded.stream().allMatch(t -> counted.containsKey(t.qualifiedName()))) {
            // every table's rows were counted by the server as it loaded them, into tables that are there
            return checks(recorded, counted, estimated);
        }
        List<TableStat> present = Catalog.tables(restored, false);
        Map<String, TableStat> byName = present.stream()
                .collect(Collectors.toMap(TableStat::qualifiedName, t -> t, (a, b) -> a));
        List<TableStat> toCount = new ArrayList<>();
        for (TableStat t : recorded) {
            TableStat found = byName.get(t.qualifiedName());
            if (found == null) {
                counted.remove(t.qualifiedName()); // as a count would: no table, nothing counted
            } else if (!counted.containsKey(t.qualifiedName())) {
                toCount.add(found);
            }
        }
        if (!toCount.isEmpty()) {
            // A count is one scan: compiling it (JIT, on by default above a plan cost that a table of a
            // few million rows reaches) cost every parallel worker ~35 ms at pgbench scale 100.
            if (restored.getMetaData().getDatabaseMajorVersion() >= 11) {
                try (Statement st = restored.createStatement()) {
                    st.execute("SET jit = off");
                }
            }
            for (TableStat t : Catalog.countRows(restored, toCount, cancel)) {
                counted.put(t.qualifiedName(), t.rows());
            }
        }
        return checks(recorded, counted, estimated);
    }

    /** A connection to the restored database, opened only when one is needed (the caller's to give, ours to close). */
    @FunctionalInterface
    public interface Connect {
        Connection open() throws SQLException;
    }

    /**
     * As {@link #compare(List, List, Connection, boolean, CancelToken)}, with the restored database's
     * tables and their inheritance as the restore's own session listed them after its COMMIT
     * ({@link dev.lifeboat.core.archive.ArchiveRestorer.Outcome#tables()}): when the server counted
     * every table as it loaded it, no connection is opened at all; otherwise one is, as before.
     *
     * @param tables the restored database's tables (schema, name, relkind, parent's schema and name), or null
     */
    public static List<TableCheck> compare(List<TableStat> recorded, List<TableStat> loaded, List<String[]> tables,
                                           Connect connect, boolean estimated, CancelToken cancel) throws SQLException {
        if (loaded != null && tables != null) {
            Map<String, Long> counted = LoadedRows.resolve(tables, recorded, loaded);
            if (recorded.stream().allMatch(t -> counted.containsKey(t.qualifiedName()))) {
                return checks(recorded, counted, estimated);
            }
        }
        try (Connection c = connect.open()) {
            return compare(recorded, loaded, c, estimated, cancel);
        }
    }

    private static List<TableCheck> checks(List<TableStat> recorded, Map<String, Long> counted, boolean estimated) {
        List<TableCheck> checks = new ArrayList<>();
        for (TableStat t : recorded) {
            Long actual = counted.get(t.qualifiedName());
            CheckStatus status;
            if (actual == null) {
                status = CheckStatus.FAIL;
            } else if (t.rows() == null) {
                status = CheckStatus.SKIPPED;
            } else if (t.rows().equals(actual)) {
                status = CheckStatus.PASS;
            } else {
                status = estimated ? CheckStatus.WARN : CheckStatus.FAIL;
            }
            checks.add(new TableCheck(t.schema(), t.name(), t.rows(), actual, status));
        }
        return checks;
    }

    /** One checklist line that sums up the table comparisons. */
    public static CheckResult summarize(List<TableCheck> tables, String name) {
        List<TableCheck> bad = tables.stream().filter(t -> t.status() == CheckStatus.FAIL || t.status() == CheckStatus.WARN).toList();
        long unknown = tables.stream().filter(t -> t.status() == CheckStatus.SKIPPED).count();
        String expected = tables.size() + " tables as recorded";
        if (bad.isEmpty()) {
            String actual = (tables.size() - unknown) + " of " + tables.size() + " tables match";
            return new CheckResult(name, unknown > 0 && unknown == tables.size() ? CheckStatus.WARN : CheckStatus.PASS,
                    expected, actual, unknown > 0 ? unknown + " tables had no recorded count to compare" : null);
        }
        String detail = bad.stream().limit(10)
                .map(t -> t.qualifiedName() + ": expected " + t.expected() + ", found "
                        + (t.actual() == null ? "no table" : t.actual()))
                .collect(Collectors.joining("; "));
        CheckStatus worst = bad.stream().map(TableCheck::status).reduce(CheckStatus.PASS, CheckStatus::worst);
        return new CheckResult(name, worst, expected, bad.size() + " of " + tables.size() + " tables differ",
                detail + (bad.size() > 10 ? "; and " + (bad.size() - 10) + " more" : ""));
    }
}
