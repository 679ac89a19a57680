package dev.lifeboat.core.restore;

import dev.lifeboat.core.manifest.DatabaseSettings;
import dev.lifeboat.core.pg.Pg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Gives a restored database what pg_restore does not carry without --create: the owner, the
 * ALTER DATABASE ... SET settings, the grants on the database and its comment, as read at backup.
 */
final class DatabaseSettingsApplier {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseSettingsApplier.class);
    private static final Set<String> LIST_SETTINGS = Set.of("search_path", "temp_tablespaces",
            "session_preload_libraries", "local_preload_libraries", "shared_preload_libraries");

    private DatabaseSettingsApplier() {
    }

    static List<String> statements(String database, DatabaseSettings s, Set<String> existingRoles) {
        List<String> sql = new ArrayList<>();
        String db = Pg.ident(database);
        if (s == null) {
            return sql;
        }
        if (s.owner() != null && existingRoles.contains(s.owner())) {
            sql.add("ALTER DATABASE " + db + " OWNER TO " + Pg.ident(s.owner()));
        }
        for (String setting : s.settings()) {
            int eq = setting.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = setting.substring(0, eq);
            String value = setting.substring(eq + 1);
            sql.add("ALTER DATABASE " + db + " SET " + key + " TO "
                    + (LIST_SETTINGS.contains(key) ? value : Pg.literal(value)));
        }
        if (s.acl() != null && s.acl().length() > 2) {
            sql.add("REVOKE ALL ON DATABASE " + db + " FROM PUBLIC");
            for (String item : s.acl().substring(1, s.acl().length() - 1).split(",")) {
                String grant = grant(db, item.replace("\"", ""), existingRoles);
                if (grant != null) {
                    sql.add(grant);
                }
            }
        }
        if (s.comment() != null) {
            sql.add("COMMENT ON DATABASE " + db + " IS " + Pg.literal(s.comment()));
        }
        return sql;
    }

    /** One aclitem ("app=CTc/postgres", "=Tc/postgres" for PUBLIC) as a GRANT. */
    private static String grant(String db, String item, Set<String> existingRoles) {
        int eq = item.lastIndexOf('=');
        int slash = item.lastIndexOf('/');
        if (eq < 0 || slash < eq) {
            return null;
        }
        String grantee = item.substring(0, eq);
        String letters = item.substring(eq + 1, slash);
        List<String> privileges = new ArrayList<>();
        if (letters.contains("C")) {
            privileges.add("CREATE");
        }
        if (letters.contains("T")) {
            privileges.add("TEMPORARY");
        }
        if (letters.contains("c")) {
            privileges.add("CONNECT");
        }
        if (privileges.isEmpty() || (!grantee.isEmpty() && !existingRoles.contains(grantee))) {
            return null;
        }
        return "GRANT " + String.join(", ", privileges) + " ON DATABASE " + db + " TO "
                + (grantee.isEmpty() ? "PUBLIC" : Pg.ident(grantee));
    }

    static void apply(Connection maintenance, String database, DatabaseSettings s) throws SQLException {
        Set<String> roles = roles(maintenance);
        try (Statement st = maintenance.createStatement()) {
            for (String sql : statements(database, s, roles)) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    LOG.warn("Could not reapply a database setting ({}): {}", sql, e.getMessage());
                }
            }
        }
    }

    static Set<String> roles(Connection c) throws SQLException {
        Set<String> roles = new java.util.HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rolname FROM pg_roles"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                roles.add(rs.getString(1));
            }
        }
        return roles;
    }
}
