package dev.lifeboat.core.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user rows of extension configuration tables (pg_extension_config_dump): pg_dump writes the
 * rows its filter selects, and no table's row count covers them, as the tables belong to the
 * extension. Counted with the same filter at backup and after a test restore.
 *
 * @param condition the extension's filter as pg_dump appends it ("WHERE …"), or empty for all rows
 */
public record ExtensionConfigRows(String schema, String table, String condition, long rows) {
    /** The manifest key under which a backup records them. */
    public static final String MANIFEST_KEY = "extension_config_rows";

    private static final String TABLES = """
            SELECT n.nspname, c.relname, coalesce(e.extcondition[i], '')
            FROM pg_catalog.pg_extension e
            CROSS JOIN LATERAL generate_subscripts(e.extconfig, 1) AS i
            JOIN pg_catalog.pg_class c ON c.oid = e.extconfig[i]
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r'
            ORDER BY 1, 2""";

    public static List<ExtensionConfigRows> read(Connection c) throws SQLException {
        List<ExtensionConfigRows> found = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(TABLES)) {
            while (rs.next()) {
                found.add(new ExtensionConfigRows(rs.getString(1), rs.getString(2), rs.getString(3), 0));
            }
        }
        List<ExtensionConfigRows> counted = new ArrayList<>();
        for (ExtensionConfigRows t : found) {
            counted.add(new ExtensionConfigRows(t.schema(), t.table(), t.condition(), t.count(c)));
        }
        return counted;
    }

    /** The rows the filter selects in this database now. */
    public long count(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM "
                + Pg.ident(schema) + "." + Pg.ident(table) + " " + condition)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public Map<String, Object> toManifest() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", schema);
        m.put("table", table);
        m.put("condition", condition);
        m.put("rows", rows);
        return m;
    }

    public static List<ExtensionConfigRows> fromManifest(Object value) {
        List<ExtensionConfigRows> result = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> m && m.get("rows") instanceof Number rows) {
                    result.add(new ExtensionConfigRows(String.valueOf(m.get("schema")), String.valueOf(m.get("table")),
                            m.get("condition") == null ? "" : String.valueOf(m.get("condition")), rows.longValue()));
                }
            }
        }
        return result;
    }
}
