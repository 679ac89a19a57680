package dev.lifeboat.testsupport;

/** A small database with the names that break careless tools: mixed case, spaces, non-ASCII. */
public final class SampleData {
    public static final String MIXED = "\"Sales Data\".\"Order Items\"";
    public static final String UNICODE = "\"ünïcødé\".\"größe ñ\"";

    private SampleData() {
    }

    public static void create(TestDatabase db) {
        db.execute(
                "CREATE TABLE public.customers (id serial PRIMARY KEY, name text NOT NULL)",
                "INSERT INTO public.customers (name) SELECT 'customer ' || g FROM generate_series(1, 120) g",
                "CREATE SCHEMA \"Sales Data\"",
                "CREATE TABLE " + MIXED + " (id bigserial PRIMARY KEY, customer_id int REFERENCES public.customers(id), "
                        + "\"Qty\" int, note text)",
                "INSERT INTO " + MIXED + " (customer_id, \"Qty\", note) "
                        + "SELECT 1 + g % 120, g, repeat('x', g % 50) FROM generate_series(1, 250) g",
                "CREATE SCHEMA \"ünïcødé\"",
                "CREATE TABLE " + UNICODE + " (k text, v numeric)",
                "INSERT INTO " + UNICODE + " SELECT 'schlüssel ' || g, g * 1.5 FROM generate_series(1, 37) g",
                "CREATE TABLE public.empty_table (id int)",
                "CREATE VIEW public.big_customers AS SELECT * FROM public.customers WHERE id > 100",
                "CREATE FUNCTION public.add_one(i int) RETURNS int LANGUAGE sql AS 'SELECT i + 1'",
                "CREATE TABLE public.flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50), "
                        + "description varchar(200), success boolean NOT NULL)",
                "INSERT INTO public.flyway_schema_history VALUES (1, '1', 'init', true), (2, '2', 'orders', true), "
                        + "(3, '3', 'broken', false)");
    }

    /** A table large enough that pg_dump and pg_restore take a noticeable moment (~40 MB). */
    public static void createLargeTable(TestDatabase db) {
        db.execute("CREATE TABLE public.big (id bigint PRIMARY KEY, payload text)",
                "INSERT INTO public.big SELECT g, md5(g::text) || md5((g * 7)::text) || md5((g * 13)::text) "
                        + "FROM generate_series(1, 400000) g");
    }
}
