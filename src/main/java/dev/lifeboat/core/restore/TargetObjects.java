package dev.lifeboat.core.restore;

import dev.lifeboat.core.archive.TocEntry;
import dev.lifeboat.core.pg.Pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What an existing target database holds, for a selective restore in place: whether an object the
 * selected tables need is there already, and what in the target depends on the tables to be
 * recreated (views, materialized views, other tables' foreign keys).
 */
final class TargetObjects {
    /**
     * An object in the target that depends on a recreated table.
     *
     * @param kind  VIEW, MATERIALIZED VIEW or FK CONSTRAINT, as the archive names the kind
     * @param name  the view's name, or "TABLE CONSTRAINT" for a foreign key (the archive's tag)
     * @param drop  the SQL that drops it
     * @param depth views on views come first when dropping
     */
    record Dependent(String kind, String schema, String name, String drop, int depth) {
        String label() {
            return kind.toLowerCase(java.util.Locale.ROOT) + " " + SqlNames.sql(schema, name.contains(" ") && kind.equals("FK CONSTRAINT")
                    ? name.substring(0, name.indexOf(' ')) : name)
                    + (kind.equals("FK CONSTRAINT") ? " (" + name.substring(name.indexOf(' ') + 1) + ")" : "");
        }
    }

    private TargetObjects() {
    }

    /** Whether the target has the object an archive entry creates (by kind and name). */
    static Predicate<TocEntry> existence(Connection c) {
        return e -> {
            try {
                return switch (e.kind()) {
                    case "SCHEMA" -> exists(c, "SELECT 1 FROM pg_namespace WHERE nspname = ?", e.name());
                    case "EXTENSION" -> exists(c, "SELECT 1 FROM pg_extension WHERE extname = ?", e.name());
                    case "TYPE", "DOMAIN", "SHELL TYPE" -> exists(c, "SELECT 1 WHERE to_regtype(?) IS NOT NULL",
                            SqlNames.sql(e.schema(), e.name()));
                    case "TABLE", "SEQUENCE" -> exists(c, "SELECT 1 WHERE to_regclass(?) IS NOT NULL",
                            SqlNames.sql(e.schema(), e.name()));
                    case "FUNCTION", "PROCEDURE", "AGGREGATE" -> exists(c, "SELECT 1 WHERE to_regprocedure(?) IS NOT NULL",
                            Pg.ident(e.schema()) + "." + routine(e.name()));
                    case "COLLATION" -> exists(c, "SELECT 1 WHERE to_regcollation(?) IS NOT NULL",
                            SqlNames.sql(e.schema(), e.name()));
                    default -> false;
                };
            } catch (SQLException ex) {
                return false; // then the archive's definition is restored, and an error says why
            }
        };
    }

    /** "touch()" or "add(integer, integer)": the routine's name quoted, its argument types as they are. */
    private static String routine(String tag) {
        int paren = tag.indexOf('(');
        return paren < 0 ? Pg.ident(tag) : Pg.ident(tag.substring(0, paren)) + tag.substring(paren);
    }

    private static boolean exists(Connection c, String sql, String... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The views and other tables' foreign keys in the target that depend on these tables ({schema, name}). */
    static List<Dependent> dependents(Connection c, List<String[]> tables) throws SQLException {
        List<Dependent> result = new ArrayList<>();
        if (tables.isEmpty()) {
            return result;
        }
        String[] names = tables.stream().map(t -> SqlNames.sql(t[0], t[1])).toArray(String[]::new);
        String views = """
                WITH RECURSIVE chosen AS (
                    SELECT to_regclass(n) AS oid FROM unnest(?::text[]) AS n
                ), dep(oid, depth) AS (
                    SELECT oid, 0 FROM chosen WHERE oid IS NOT NULL
                    UNION
                    SELECT r.ev_class, dep.depth + 1
                    FROM pg_depend d
                    JOIN pg_rewrite r ON r.oid = d.objid AND d.classid = 'pg_rewrite'::regclass
                    JOIN dep ON d.refobjid = dep.oid AND d.refclassid = 'pg_class'::regclass
                    WHERE r.ev_class <> dep.oid AND dep.depth < 50
                )
                SELECT n.nspname, c.relname, c.relkind, max(dep.depth) AS depth
                FROM dep JOIN pg_class c ON c.oid = dep.oid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('v', 'm') AND dep.oid NOT IN (SELECT oid FROM chosen WHERE oid IS NOT NULL)
                GROUP BY n.nspname, c.relname, c.relkind
                ORDER BY max(dep.depth) DESC""";
        try (PreparedStatement ps = c.prepareStatement(views)) {
            ps.setArray(1, c.createArrayOf("text", names));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    boolean mat = rs.getString(3).equals("m");
                    String sql = SqlNames.sql(rs.getString(1), rs.getString(2));
                    result.add(new Dependent(mat ? "MATERIALIZED VIEW" : "VIEW", rs.getString(1), rs.getString(2),
                            "DROP " + (mat ? "MATERIALIZED VIEW " : "VIEW ") + sql + ";", rs.getInt(4)));
                }
            }
        }
        String fks = """
                WITH chosen AS (SELECT to_regclass(n) AS oid FROM unnest(?::text[]) AS n)
                SELECT n.nspname, c.relname, k.conname
                FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE k.contype = 'f' AND k.conparentid = 0
                  AND k.confrelid IN (SELECT oid FROM chosen)
                  AND k.conrelid NOT IN (SELECT oid FROM chosen WHERE oid IS NOT NULL)
                  AND NOT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = k.conrelid
                                  AND i.inhparent IN (SELECT oid FROM chosen WHERE oid IS NOT NULL))
                ORDER BY 1, 2, 3""";
        try (PreparedStatement ps = c.prepareStatement(fks)) {
            ps.setArray(1, c.createArrayOf("text", names));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    result.add(new Dependent("FK CONSTRAINT", rs.getString(1), rs.getString(2) + " " + rs.getString(3),
                            "ALTER TABLE " + SqlNames.sql(rs.getString(1), rs.getString(2)) + " DROP CONSTRAINT "
                                    + Pg.ident(rs.getString(3)) + ";", 0));
                }
            }
        }
        return result;
    }
}
