package dev.lifeboat.core.pg;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.manifest.DatabaseSettings;
import dev.lifeboat.core.manifest.MigrationInfo;
import dev.lifeboat.core.manifest.TableStat;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Questions Lifeboat asks a database about itself: its tables, row counts, settings, schema version. */
public final class Catalog {
    /** Tables whose data pg_dump writes: ordinary tables and partitions, not extension members. */
    private static final String TABLES = """
            SELECT n.nspname, c.relname, {size}, c.reltuples::bigint
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND c.relpersistence <> 't'
              AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                              AND d.objid = c.oid AND d.deptype = 'e')
            ORDER BY 1, 2""";
    /** Size on disk: one stat() per file of the table, its TOAST table and every index. */
    private static final String TOTAL_SIZE = "pg_total_relation_size(c.oid)";
    /**
     * The size the catalog last recorded (VACUUM, ANALYZE, CREATE INDEX): no file is opened, which
     * for thousands of tables is hundreds of milliseconds less before pg_dump can start.
     */
    private static final String CATALOG_SIZE = "c.relpages::bigint * current_setting('block_size')::bigint";
    /**
     * Tables counted per statement. Each statement costs a round trip, a parse and a plan: for
     * 2,000 small tables one count each took the server twice the CPU that batches of 50 take;
     * batches of 200 or more cost more again (planning a long UNION ALL grows faster than it).
     */
    static final int COUNT_BATCH = 50;

    /** Known migration history tables, in the order they are looked for, with the query for the version. */
    private static final List<Map.Entry<String, String>> MIGRATION_TABLES = List.of(
            Map.entry("flyway_schema_history", "SELECT version FROM %s WHERE success AND version IS NOT NULL "
                    + "ORDER BY installed_rank DESC LIMIT 1"),
            Map.entry("alembic_version", "SELECT string_agg(version_num, ',' ORDER BY version_num) FROM %s"),
            Map.entry("_prisma_migrations", "SELECT migration_name FROM %s WHERE finished_at IS NOT NULL "
                    + "AND rolled_back_at IS NULL ORDER BY finished_at DESC LIMIT 1"),
            Map.entry("django_migrations", "SELECT app || '.' || name FROM %s ORDER BY id DESC LIMIT 1"),
            Map.entry("schema_migrations", "SELECT version::text FROM %s ORDER BY version DESC LIMIT 1"));

    private Catalog() {
    }

    /** Every table with data, with its size on disk and the planner's row estimate. */
    public static List<TableStat> tables(Connection c) throws SQLException {
        return tables(c, true);
    }

    /**
     * Every table with data; with {@code onDisk} false the sizes are those the catalog recorded
     * last (0 for a table never vacuumed or analyzed), read without touching any file.
     */
    public static List<TableStat> tables(Connection c, boolean onDisk) throws SQLException {
        List<TableStat> result = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(TABLES.replace("{size}", onDisk ? TOTAL_SIZE : CATALOG_SIZE))) {
            while (rs.next()) {
                long estimate = rs.getLong(4);
                result.add(new TableStat(rs.getString(1), rs.getString(2), estimate < 0 ? null : estimate, rs.getLong(3)));
            }
        }
        return result;
    }

    /**
     * Exact row counts in whatever transaction the connection is in, {@value #COUNT_BATCH} tables
     * to a statement (a UNION ALL of counts, each row tagged with its table's place in the batch).
     */
    public static List<TableStat> countRows(Connection c, List<TableStat> tables, CancelToken cancel) throws SQLException {
        return countRows(c, tables, cancel, false);
    }

    /**
     * As {@link #countRows(Connection, List, CancelToken)}; with {@code releaseLocks}, inside a
     * transaction, each batch is counted in a savepoint rolled back once its counts are read. A count
     * takes a lock on its table and on each index the planner opens, held to the transaction's end:
     * 4,000 locks for 2,000 tables with a primary key each, which beside pg_dump's 2,000 filled the
     * 6,400 a default server has. Rolling back to the savepoint releases them; the snapshot is the
     * transaction's and stays, so the counts are still those of the snapshot.
     */
    public static List<TableStat> countRows(Connection c, List<TableStat> tables, CancelToken cancel, boolean releaseLocks)
            throws SQLException {
        List<TableStat> result = new ArrayList<>(tables.size());
        boolean savepoints = releaseLocks && tables.size() > COUNT_BATCH && !c.getAutoCommit();
        try (Statement st = c.createStatement()) {
            Runnable unhook = cancel.onCancel(() -> cancelQuietly(st));
            try {
                for (int from = 0; from < tables.size(); from += COUNT_BATCH) {
                    cancel.throwIfCancelled("Counting rows");
                    List<TableStat> batch = tables.subList(from, Math.min(from + COUNT_BATCH, tables.size()));
                    long[] counts = new long[batch.size()];
                    Arrays.fill(counts, -1);
                    if (savepoints) {
                        st.execute("SAVEPOINT lifeboat_count");
                    }
                    try (ResultSet rs = st.executeQuery(countSql(batch))) {
                        while (rs.next()) {
                            counts[rs.getInt(1)] = rs.getLong(2);
                        }
                    }
                    if (savepoints) {
                        st.execute("ROLLBACK TO SAVEPOINT lifeboat_count; RELEASE SAVEPOINT lifeboat_count");
                    }
                    for (int i = 0; i < batch.size(); i++) {
                        if (counts[i] < 0) {
                            throw new SQLException("No row count came back for " + batch.get(i).qualifiedName());
                        }
                        TableStat t = batch.get(i);
                        result.add(new TableStat(t.schema(), t.name(), counts[i], t.bytes()));
                    }
                }
            } finally {
                unhook.run();
            }
        }
        return result;
    }

    static String countSql(List<TableStat> batch) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                sql.append("\nUNION ALL ");
            }
            TableStat t = batch.get(i);
            sql.append("SELECT ").append(i).append(", count(*) FROM ").append(Pg.ident(t.schema())).append('.')
                    .append(Pg.ident(t.name()));
        }
        return sql.toString();
    }

    /** Every table's size on disk (table, TOAST and indexes) by its qualified name. */
    public static Map<String, Long> sizesOnDisk(Connection c) throws SQLException {
        Map<String, Long> sizes = new HashMap<>();
        for (TableStat t : tables(c, true)) {
            sizes.put(t.qualifiedName(), t.bytes());
        }
        return sizes;
    }

    private static void cancelQuietly(Statement st) {
        try {
            st.cancel();
        } catch (SQLException ignored) {
            // the statement may have finished already
        }
    }

    /** Owner, encoding, per-database settings, grants and comment of the connected database. */
    public static DatabaseSettings databaseSettings(Connection c) throws SQLException {
        String sql = """
                SELECT pg_get_userbyid(d.datdba), pg_encoding_to_char(d.encoding), d.datcollate, d.datctype,
                       d.datacl::text, shobj_description(d.oid, 'pg_database'),
                       (SELECT s.setconfig FROM pg_db_role_setting s WHERE s.setdatabase = d.oid AND s.setrole = 0)
                FROM pg_database d WHERE d.datname = current_database()""";
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            List<String> settings = new ArrayList<>();
            Array arr = rs.getArray(7);
            if (arr != null) {
                for (Object o : (Object[]) arr.getArray()) {
                    settings.add(String.valueOf(o));
                }
            }
            return new DatabaseSettings(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                    settings, rs.getString(5), rs.getString(6));
        }
    }

    /**
     * The application's schema version from the first known migration table found. Each query runs
     * under a savepoint so that an unexpected table layout cannot abort the caller's transaction.
     */
    public static MigrationInfo migration(Connection c) throws SQLException {
        String find = "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relname = ? AND c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                + "ORDER BY n.nspname = 'public' DESC, n.nspname LIMIT 1";
        for (Map.Entry<String, String> known : MIGRATION_TABLES) {
            String schema;
            try (PreparedStatement ps = c.prepareStatement(find)) {
                ps.setString(1, known.getKey());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                    schema = rs.getString(1);
                }
            }
            String table = Pg.ident(schema) + "." + Pg.ident(known.getKey());
            String version = queryUnderSavepoint(c, String.format(known.getValue(), table));
            if (version != null) {
                return new MigrationInfo(toolOf(known.getKey()), schema + "." + known.getKey(), version);
            }
        }
        return null;
    }

    private static String queryUnderSavepoint(Connection c, String sql) throws SQLException {
        boolean inTransaction = !c.getAutoCommit();
        Savepoint sp = inTransaction ? c.setSavepoint() : null;
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            String v = rs.next() ? rs.getString(1) : null;
            if (sp != null) {
                c.releaseSavepoint(sp);
            }
            return v;
        } catch (SQLException e) {
            if (sp != null) {
                c.rollback(sp);
            }
            return null;
        }
    }

    private static String toolOf(String table) {
        return switch (table) {
            case "flyway_schema_history" -> "flyway";
            case "alembic_version" -> "alembic";
            case "_prisma_migrations" -> "prisma";
            case "django_migrations" -> "django";
            default -> "schema_migrations";
        };
    }
}
