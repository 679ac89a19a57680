package dev.lifeboat.core.pg;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Whole-database operations on a server: create, drop, rename, and ending other sessions. */
public final class Databases {
    private static final Logger LOG = LoggerFactory.getLogger(Databases.class);

    /** The database a server's own operations connect to first (CREATE DATABASE, the catalog of databases). */
    public static final String MAINTENANCE = "postgres";

    private Databases() {
    }

    /** A connection to the server's maintenance database (postgres, else template1). */
    public static Connection maintenance(ConnectionSpec server) {
        try {
            return Pg.connect(server.withDatabase(MAINTENANCE));
        } catch (LifeboatException e) {
            if (e.code() == ErrorCode.DATABASE_NOT_FOUND) {
                return Pg.connect(server.withDatabase("template1"));
            }
            throw e;
        }
    }

    public static boolean exists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static void create(Connection c, String name, String owner) throws SQLException {
        String sql = "CREATE DATABASE " + Pg.ident(name) + " TEMPLATE template0"
                + (owner == null ? "" : " OWNER " + Pg.ident(owner));
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            if ("42501".equals(e.getSQLState())) {
                throw new LifeboatException(ErrorCode.PERMISSION_DENIED, "User '" + c.getMetaData().getUserName()
                        + "' may not create databases, which this needs. Connect as a user with CREATEDB "
                        + "(ALTER ROLE ... CREATEDB) or as the server's superuser.", e);
            }
            throw e;
        }
        LOG.info("Created database {}", name);
    }

    /** Drops the database, ending its sessions first; quietly does nothing when it is gone. */
    public static void drop(Connection c, String name) throws SQLException {
        if (!exists(c, name)) {
            return;
        }
        terminateSessions(c, name);
        try (Statement st = c.createStatement()) {
            boolean force = c.getMetaData().getDatabaseMajorVersion() >= 13;
            st.execute("DROP DATABASE IF EXISTS " + Pg.ident(name) + (force ? " WITH (FORCE)" : ""));
        }
        LOG.info("Dropped database {}", name);
    }

    /** Drops without throwing; for cleanup in finally blocks, where the first error is what counts. */
    public static void dropQuietly(ConnectionSpec server, String name) {
        try (Connection c = maintenance(server)) {
            drop(c, name);
        } catch (SQLException | LifeboatException e) {
            LOG.warn("Could not drop database {}: {}. Drop it by hand: DROP DATABASE \"{}\";", name, e.getMessage(), name);
        }
    }

    public static void rename(Connection c, String from, String to) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + Pg.ident(from) + " RENAME TO " + Pg.ident(to));
        }
        LOG.info("Renamed database {} to {}", from, to);
    }

    /** Other sessions connected to the database (not this one). */
    public static int otherSessions(Connection c, String name) throws SQLException {
        return overOtherSessions(c, "count(*)", name);
    }

    public static int terminateSessions(Connection c, String name) throws SQLException {
        return overOtherSessions(c, "count(pg_terminate_backend(pid))", name);
    }

    /**
     * An aggregate over the database's sessions other than this one. Autovacuum workers are not
     * sessions a DBA must be asked about: the server ends them itself when a database is renamed or
     * dropped, and one starts by chance after any large delete.
     */
    private static int overOtherSessions(Connection c, String aggregate, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + aggregate + " FROM pg_stat_activity "
                + "WHERE datname = ? AND pid <> pg_backend_pid() AND backend_type <> 'autovacuum worker'")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Reads a whole query's first column as text; handy for version and settings look-ups. */
    public static String queryString(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
