package dev.lifeboat.core.demo;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Pg;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A throwaway PostgreSQL server with a small shop database, so a newcomer can back up, verify and
 * restore in the first minute. It lives in a temporary folder and stops when closed.
 */
public final class DemoDatabase implements AutoCloseable {
    public static final String NAME = "demo_shop";

    private final EmbeddedPostgres server;
    private final ConnectionSpec connection;

    private DemoDatabase(EmbeddedPostgres server) {
        this.server = server;
        this.connection = ConnectionSpec.of("localhost", server.getPort(), NAME, "postgres");
    }

    public static DemoDatabase start() {
        return start(0);
    }

    /**
     * Starts the demo server on the port its saved connection names when that port is free, so the
     * connection saved last time works again; on any free port otherwise.
     */
    public static DemoDatabase start(int preferredPort) {
        try {
            Path dir = Files.createTempDirectory("lifeboat-demo");
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true);
            if (preferredPort > 0 && free(preferredPort)) {
                builder.setPort(preferredPort);
            }
            EmbeddedPostgres pg = builder.start();
            DemoDatabase demo = new DemoDatabase(pg);
            demo.populate();
            return demo;
        } catch (IOException | SQLException e) {
            throw new LifeboatException(ErrorCode.INTERNAL, "The demo database could not start: " + e.getMessage(), e);
        }
    }

    private static boolean free(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void populate() throws SQLException {
        try (Connection c = Pg.connect(connection.withDatabase("postgres")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + NAME);
        }
        try (Connection c = Pg.connect(connection); Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE customers (id serial PRIMARY KEY, name text NOT NULL, email text, city text);
                    CREATE TABLE products (id serial PRIMARY KEY, title text NOT NULL, price numeric(10,2));
                    CREATE TABLE orders (id bigserial PRIMARY KEY, customer_id int REFERENCES customers(id),
                                         ordered_at timestamptz NOT NULL DEFAULT now());
                    CREATE TABLE order_lines (order_id bigint REFERENCES orders(id), product_id int REFERENCES products(id),
                                              quantity int NOT NULL, PRIMARY KEY (order_id, product_id));
                    CREATE INDEX orders_customer_idx ON orders (customer_id);
                    CREATE VIEW big_spenders AS SELECT c.name, sum(p.price * l.quantity) AS total
                        FROM customers c JOIN orders o ON o.customer_id = c.id JOIN order_lines l ON l.order_id = o.id
                        JOIN products p ON p.id = l.product_id GROUP BY c.name HAVING sum(p.price * l.quantity) > 500;
                    CREATE TABLE flyway_schema_history (installed_rank int PRIMARY KEY, version varchar(50),
                        description varchar(200), success boolean NOT NULL);
                    INSERT INTO flyway_schema_history VALUES (1, '1', 'init', true), (2, '2', 'order lines', true);
                    INSERT INTO customers (name, email, city)
                        SELECT 'Customer ' || g, 'c' || g || '@example.com', (ARRAY['Oslo','Lyon','Porto','Graz'])[1 + g % 4]
                        FROM generate_series(1, 500) g;
                    INSERT INTO products (title, price) SELECT 'Product ' || g, (g % 90) + 9.99 FROM generate_series(1, 80) g;
                    INSERT INTO orders (customer_id, ordered_at)
                        SELECT 1 + g % 500, now() - (g || ' hours')::interval FROM generate_series(1, 4000) g;
                    INSERT INTO order_lines SELECT o.id, 1 + (o.id * 7 + k) % 80, 1 + k FROM orders o, generate_series(0, 2) k;
                    ANALYZE;
                    """);
        }
    }

    public ConnectionSpec connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // the server's temporary folder goes with the process
        }
    }
}
