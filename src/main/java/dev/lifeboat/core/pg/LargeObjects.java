package dev.lifeboat.core.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A database's large objects, which no table's row count covers: how many, and their total size
 * where the user may read pg_largeobject (null otherwise; by default only superusers may).
 */
public record LargeObjects(long count, Long bytes) {
    /** The manifest key under which a backup records them (kept with the entry's other fields). */
    public static final String MANIFEST_KEY = "large_objects";

    public static LargeObjects read(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            long count;
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_catalog.pg_largeobject_metadata")) {
                rs.next();
                count = rs.getLong(1);
            }
            Long bytes = null;
            boolean readable;
            try (ResultSet rs = st.executeQuery(
                    "SELECT has_table_privilege('pg_catalog.pg_largeobject', 'SELECT')")) {
                rs.next();
                readable = rs.getBoolean(1);
            }
            if (readable && count > 0) {
                try (ResultSet rs = st.executeQuery(
                        "SELECT coalesce(sum(octet_length(data)), 0) FROM pg_catalog.pg_largeobject")) {
                    rs.next();
                    bytes = rs.getLong(1);
                }
            }
            return new LargeObjects(count, bytes);
        }
    }

    /** As the manifest keeps it. */
    public Map<String, Object> toManifest() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", count);
        if (bytes != null) {
            m.put("bytes", bytes);
        }
        return m;
    }

    /** From the manifest's value; null when the backup recorded none. */
    public static LargeObjects fromManifest(Object value) {
        if (!(value instanceof Map<?, ?> m) || !(m.get("count") instanceof Number count)) {
            return null;
        }
        return new LargeObjects(count.longValue(), m.get("bytes") instanceof Number b ? b.longValue() : null);
    }
}
