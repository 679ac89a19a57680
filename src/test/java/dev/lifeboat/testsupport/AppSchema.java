package dev.lifeboat.testsupport;

import dev.lifeboat.core.pg.Pg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An application-shaped database (app-schema.sql), as real databases made by others look: a
 * partitioned table with a primary key, a view and a materialized view, foreign keys both ways, a
 * sequence used by DEFAULT nextval() but not OWNED BY, a trigger function, an enum and a domain,
 * the citext extension, two owner roles, grantee-only roles, a column grant, default privileges, a
 * role membership, a per-database role setting, large objects, and awkward names.
 *
 * <p>Roles are cluster-wide: each fixture gets roles of its own (prefix {@link #prefix()}), so a
 * test may drop them to play a server that lacks them.
 *
 * @param prefix the roles' common prefix
 */
public record AppSchema(TestDatabase db, String prefix) {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /** The schema with a quote, a space and a dot in its name, as SQL writes it. */
    public static final String WEIRD_SCHEMA = "\"we\"\"ird sch.ema\"";
    public static final String WEIRD_T1 = WEIRD_SCHEMA + ".\"T 1\"";
    public static final String WEIRD_ORDERS = WEIRD_SCHEMA + ".\"Bestellungen_ü\"";
    /** The tables and their rows, as SQL names (a partitioned table counts its partitions' rows). */
    public static final Map<String, Long> ROWS = Map.of(
            "app.customers", 50L, "app.products", 20L, "app.orders", 200L, "app.orders_2023", 106L,
            "app.orders_2024", 94L, "app.order_lines", 400L, WEIRD_T1, 30L, WEIRD_ORDERS, 45L,
            "public.\"dotted.name\"", 7L);
    public static final int LARGE_OBJECTS = 3;

    /** Creates the roles and the schema in the database. */
    public static AppSchema create(TestDatabase db) {
        String prefix = "lb" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        AppSchema app = new AppSchema(db, prefix);
        app.createRoles();
        String sql = resource().replace("{r}", prefix).replace("{db}", Pg.ident(db.name()));
        db.execute(sql);
        return app;
    }

    /** The roles: two owners, a group, grantee-only roles, and one membership. */
    public List<String> roles() {
        return List.of(role("owner_a"), role("owner_b"), role("readers"), role("reporter"), role("writer"));
    }

    public String role(String suffix) {
        return prefix + "_" + suffix;
    }

    private void createRoles() {
        TestServer s = db.server();
        for (String r : roles()) {
            TestServer.execute(s.admin(), "CREATE ROLE " + r + " NOLOGIN");
        }
        TestServer.execute(s.admin(), "GRANT " + role("readers") + " TO " + role("reporter"),
                // The owners create objects in the database (SET ROLE in the script).
                "GRANT CREATE ON DATABASE " + Pg.ident(db.name()) + " TO " + role("owner_a") + ", " + role("owner_b"));
    }

    /**
     * Drops the fixture's roles from the server, after the databases that use them are gone (or
     * their objects given away): for tests of a server that lacks the archive's roles.
     */
    public void dropRoles() {
        for (String r : roles()) {
            TestServer.execute(db.server().admin(), "DROP ROLE IF EXISTS " + r);
        }
    }

    /** The row count of every table, by the names in {@link #ROWS}; for comparing with a restore. */
    public static void assertRows(TestDatabase target) {
        for (var e : ROWS.entrySet()) {
            long n = target.count(e.getKey());
            if (n != e.getValue()) {
                throw new AssertionError(e.getKey() + ": " + n + " rows, expected " + e.getValue());
            }
        }
        long lo = target.queryLong("SELECT count(*) FROM pg_largeobject_metadata");
        if (lo != LARGE_OBJECTS) {
            throw new AssertionError(lo + " large objects, expected " + LARGE_OBJECTS);
        }
    }

    private static String resource() {
        try (InputStream in = AppSchema.class.getResourceAsStream("app-schema.sql")) {
            if (in == null) {
                throw new IllegalStateException("app-schema.sql is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
