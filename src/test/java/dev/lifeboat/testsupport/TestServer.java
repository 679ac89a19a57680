package dev.lifeboat.testsupport;

import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Pg;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server the tests talk to, started once per test JVM: the server named by
 * LIFEBOAT_TEST_PG_URL when set, a Testcontainers container where Docker runs, else an embedded
 * PostgreSQL whose major version the installed pg_dump can dump.
 */
public final class TestServer {
    private static TestServer instance;
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** The embedded server's superuser password; tests only, never a real secret. */
    public static final String ADMIN_PASSWORD = "lifeboat-test-S3cret";

    private final ConnectionSpec admin;
    private final Path dataDirectory;
    private final String kind;

    private TestServer(ConnectionSpec admin, Path dataDirectory, String kind) {
        this.admin = admin;
        this.dataDirectory = dataDirectory;
        this.kind = kind;
    }

    public static synchronized TestServer get() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    private static TestServer start() {
        String url = System.getenv("LIFEBOAT_TEST_PG_URL");
        if (url != null && !url.isBlank()) {
            return new TestServer(ConnectionSpec.parse(url), null, "external server from LIFEBOAT_TEST_PG_URL");
        }
        if (dockerAvailable()) {
            PostgreSQLContainer<?> c = new PostgreSQLContainer<>("postgres:15");
            c.start();
            Runtime.getRuntime().addShutdownHook(new Thread(c::stop));
            return new TestServer(new ConnectionSpec(c.getHost(), c.getFirstMappedPort(), "postgres", c.getUsername(),
                    c.getPassword(), Map.of()), null, "Testcontainers");
        }
        try {
            Path dir = Files.createTempDirectory("lifeboat-test-pg");
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("fsync", "off")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    pg.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
            ConnectionSpec trusted = ConnectionSpec.of("localhost", pg.getPort(), "postgres", "postgres");
            return new TestServer(askForPasswords(trusted, dir), dir, "embedded, scram-sha-256");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start an embedded PostgreSQL for the tests", e);
        }
    }

    /**
     * Makes the embedded server behave like a default PostgreSQL install: every TCP connection
     * must give a password (scram-sha-256). initdb's trust lines stay for the Unix socket only.
     */
    private static ConnectionSpec askForPasswords(ConnectionSpec trusted, Path dir) throws IOException {
        execute(trusted, "SET password_encryption = 'scram-sha-256'",
                "ALTER ROLE postgres PASSWORD " + Pg.literal(ADMIN_PASSWORD));
        Path hba = dir.resolve("pg_hba.conf");
        Files.writeString(hba, "local all all trust\n"
                + "host all all 127.0.0.1/32 scram-sha-256\n"
                + "host all all ::1/128 scram-sha-256\n");
        execute(trusted, "SELECT pg_reload_conf()");
        return trusted.withPassword(ADMIN_PASSWORD);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable t) {
            return false;
        }
    }

    public String kind() {
        return kind;
    }

    public ConnectionSpec admin() {
        return admin;
    }

    /** Creates a database of its own for one test. */
    public ConnectionSpec createDatabase(String prefix) {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute(admin, "CREATE DATABASE " + Pg.ident(name));
        return admin.withDatabase(name);
    }

    public void dropDatabase(String name) {
        execute(admin, "DROP DATABASE IF EXISTS " + Pg.ident(name) + " WITH (FORCE)");
    }

    /** Drops what a restore left beside a test database (rollback points, copies). */
    public void dropDerivedDatabases(String name) {
        try (Connection c = Pg.connect(admin); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE starts_with(datname, "
                     + Pg.literal(name + "__") + ")")) {
            java.util.List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            for (String n : names) {
                dropDatabase(n);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public boolean databaseExists(String name) {
        return queryLong(admin, "SELECT count(*) FROM pg_database WHERE datname = " + Pg.literal(name)) > 0;
    }

    /**
     * Makes the server ask this role for a password (scram) over TCP. Possible only where the tests
     * own the server's configuration (embedded); returns false elsewhere.
     */
    public boolean requirePassword(String role) {
        if (dataDirectory == null) {
            return false;
        }
        try {
            Path hba = dataDirectory.resolve("pg_hba.conf");
            String line = "host all " + role + " 127.0.0.1/32 scram-sha-256\nhost all " + role + " ::1/128 scram-sha-256\n";
            String current = Files.readString(hba);
            if (!current.contains(line)) {
                Files.writeString(hba, line + current);
            }
            execute(admin, "SELECT pg_reload_conf()");
            return true;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(ConnectionSpec spec, String... statements) {
        try (Connection c = Pg.connect(spec); Statement st = c.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static long queryLong(ConnectionSpec spec, String sql) {
        try (Connection c = Pg.connect(spec); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    public static String queryString(ConnectionSpec spec, String sql) {
        try (Connection c = Pg.connect(spec); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
