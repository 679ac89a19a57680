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
     * @param label what it is, for people ("view app.totals", "foreign key f of app.lines")
     */
    record Dependent(String kind, String schema, String name, String drop, int depth, String label) {
    }

    private TargetObjects() {
    }

    /**
     * Whether the target has the object an archive entry creates (by kind and name) and keeps it:
     * what lies in a schema the restore clears counts as absent.
     */
    static Predicate<TocEntry> existence(Connection c, java.util.Set<String> cleared) {
        return e -> {
            if (cleared.contains(e.schema()) || (e.kind().equals("SCHEMA") && cleared.contains(e.name()))) {
                return false;
            }
            try {
                return switch (e.kind()) {
                    case "SCHEMA" -> exists(c, "SELECT 1 FROM pg_namespace WHERE nspname = ?", e.name());
                    case "EXTENSION" -> exists(c, "SELECT 1 FROM pg_extension x JOIN pg_namespace n ON n.oid = "
                            + "x.extnamespace WHERE x.extname = ? AND n.nspname <> ALL (?::text[])", e.name(),
                            "{" + String.join(",", cleared.stream().map(x -> "\"" + x.replace("\\", "\\\\")
                                    .replace("\"", "\\\"") + "\"").toList()) + "}");
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
                            "DROP " + (mat ? "MATERIALIZED VIEW " : "VIEW ") + sql + ";", rs.getInt(4),
                            (mat ? "materialized view " : "view ") + SqlNames.display(rs.getString(1), rs.getString(2))));
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
                                    + Pg.ident(rs.getString(3)) + ";", 0, "foreign key " + Pg.identIfNeeded(rs.getString(3)) + " of "
                            + SqlNames.display(rs.getString(1), rs.getString(2))));
                }
            }
        }
        return result;
    }

    /** SQL run before and after loading rows into existing tables. */
    record Wrapping(String before, String after) {
    }

    /**
     * For a data-only restore into existing tables ({schema, name}): before, the foreign keys on and
     * onto them are dropped (the archive's order of rows is not the keys' order, and a table
     * referenced from outside could not be emptied), their user triggers switched off (so that
     * loading does not rewrite the rows) and the tables emptied; after, the keys are added again
     * from the target's own definitions, which checks every row, and the triggers switched on.
     * The owner may do all of this; --disable-triggers would need a superuser.
     */
    static Wrapping dataOnly(Connection c, List<String[]> tables) throws SQLException {
        StringBuilder before = new StringBuilder();
        StringBuilder after = new StringBuilder();
        if (tables.isEmpty()) {
            return new Wrapping("", "");
        }
        String[] names = tables.stream().map(t -> SqlNames.sql(t[0], t[1])).toArray(String[]::new);
        String fks = """
                WITH chosen AS (SELECT to_regclass(n) AS oid FROM unnest(?::text[]) AS n),
                     tree AS (SELECT oid FROM chosen
                              UNION SELECT i.inhparent FROM pg_inherits i JOIN chosen ON i.inhrelid = chosen.oid)
                SELECT n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid)
                FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE k.contype = 'f' AND k.conparentid = 0
                  AND (k.conrelid IN (SELECT oid FROM tree) OR k.confrelid IN (SELECT oid FROM tree))
                ORDER BY 1, 2, 3""";
        try (PreparedStatement ps = c.prepareStatement(fks)) {
            ps.setArray(1, c.createArrayOf("text", names));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = SqlNames.sql(rs.getString(1), rs.getString(2));
                    String con = Pg.ident(rs.getString(3));
                    before.append("ALTER TABLE ").append(table).append(" DROP CONSTRAINT ").append(con).append(";\n");
                    after.append("ALTER TABLE ").append(table).append(" ADD CONSTRAINT ").append(con).append(' ')
                            .append(rs.getString(4)).append(";\n");
                }
            }
        }
        String triggers = """
                SELECT n.nspname, c.relname, t.tgname
                FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE NOT t.tgisinternal AND t.tgenabled <> 'D' AND t.tgparentid = 0
                  AND t.tgrelid IN (SELECT to_regclass(n) FROM unnest(?::text[]) AS n)
                ORDER BY 1, 2, 3""";
        try (PreparedStatement ps = c.prepareStatement(triggers)) {
            ps.setArray(1, c.createArrayOf("text", names));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String table = SqlNames.sql(rs.getString(1), rs.getString(2));
                    String trigger = Pg.ident(rs.getString(3));
                    before.append("ALTER TABLE ").append(table).append(" DISABLE TRIGGER ").append(trigger).append(";\n");
                    after.append("ALTER TABLE ").append(table).append(" ENABLE TRIGGER ").append(trigger).append(";\n");
                }
            }
        }
        before.append("TRUNCATE ").append(String.join(", ", names)).append(";\n");
        return new Wrapping(before.toString(), after.toString());
    }
}
