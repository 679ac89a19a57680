package dev.lifeboat.core.pg;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Opens JDBC connections and turns connection failures into messages a DBA can act on. */
public final class Pg {
    /**
     * The application_name of every session this process opens (and its tools'): the process id
     * lets recovery end the sessions of a killed Lifeboat whose last statement is still running.
     */
    public static final String APPLICATION_NAME = "lifeboat " + ProcessHandle.current().pid();
    private static final Driver DRIVER = new org.postgresql.Driver();

    private Pg() {
    }

    public static Connection connect(ConnectionSpec spec) {
        ConnectionSpec resolved = spec.withResolvedPassword();
        Properties props = new Properties();
        props.setProperty("user", resolved.user());
        resolved.password().ifPresent(p -> props.setProperty("password", p));
        props.setProperty("ApplicationName", APPLICATION_NAME);
        props.setProperty("connectTimeout", "10");
        props.setProperty("socketTimeout", "0");
        resolved.options().forEach((k, v) -> {
            if (k.startsWith("ssl") || k.equals("options")) {
                props.setProperty(k, v);
            }
        });
        String host = resolved.host().contains(":") ? "[" + resolved.host() + "]" : resolved.host();
        String url = "jdbc:postgresql://" + host + ":" + resolved.port() + "/"
                + java.net.URLEncoder.encode(resolved.database(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
        try {
            // The driver itself, not DriverManager: its first use looks for java.sql.Driver services in
            // every jar on the class path (9 ms of a cold JVM's CPU, on the way to a backup's pg_dump).
            Connection c = DRIVER.connect(url, props);
            if (c == null) {
                throw new SQLException("The PostgreSQL driver does not accept " + url);
            }
            return c;
        } catch (SQLException e) {
            throw translate(e, resolved);
        }
    }

    /** Maps a failure to connect to the error a person can act on; never repeats a password. */
    public static LifeboatException translate(SQLException e, ConnectionSpec spec) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = spec.host() + ":" + spec.port();
        if (state.equals("28P01")) {
            return new LifeboatException(ErrorCode.AUTHENTICATION_FAILED, "The server at " + where
                    + " refused user '" + spec.user() + "': the password is wrong.", Remedy.PROVIDE_PASSWORD, e);
        }
        if (state.equals("28000")) {
            return new LifeboatException(ErrorCode.AUTHENTICATION_FAILED, "The server at " + where
                    + " refused user '" + spec.user() + "': the password is wrong or the user may not "
                    + "connect to '" + spec.database() + "'. Check the password and the server's pg_hba.conf.", e);
        }
        if (isPasswordMissing(e)) {
            return new LifeboatException(ErrorCode.AUTHENTICATION_FAILED, "The server at " + where
                    + " asks user '" + spec.user() + "' for a password and none is known.", Remedy.PROVIDE_PASSWORD, e);
        }
        if (state.equals("3D000")) {
            return new LifeboatException(ErrorCode.DATABASE_NOT_FOUND, "The server at " + where
                    + " has no database '" + spec.database() + "'. Check the name (it is case-sensitive).", e);
        }
        if (state.equals("42501")) {
            return new LifeboatException(ErrorCode.PERMISSION_DENIED, "User '" + spec.user()
                    + "' lacks a privilege on " + where + "/" + spec.database() + ": "
                    + firstLine(e.getMessage()), e);
        }
        Throwable cause = e.getCause();
        if (state.startsWith("08") || cause instanceof java.io.IOException) {
            String why;
            if (cause instanceof UnknownHostException) {
                why = "the host name '" + spec.host() + "' is unknown. Check the spelling.";
            } else if (cause instanceof ConnectException) {
                why = "nothing accepts connections there. Is PostgreSQL running, and does it listen on "
                        + "that address and port (listen_addresses, port)?";
            } else if (cause instanceof SocketTimeoutException || cause instanceof NoRouteToHostException) {
                why = "the server did not answer in time. Check the host, the port and any firewall.";
            } else if (String.valueOf(e.getMessage()).contains("does not support SSL")) {
                why = "the server does not support SSL, and the connection's SSL mode ("
                        + spec.options().getOrDefault("sslmode", "require") + ") requires it. Choose SSL mode prefer "
                        + "or disable for this connection, or turn ssl on at the server.";
            } else {
                why = firstLine(e.getMessage());
            }
            return new LifeboatException(ErrorCode.CONNECTION_FAILED, "Cannot connect to " + where + ": "
                    + why, e);
        }
        return new LifeboatException(ErrorCode.CONNECTION_FAILED, "Cannot connect to " + where + " as '"
                + spec.user() + "': " + firstLine(e.getMessage()), e);
    }

    /** True when the server wanted a password and the connection had none. */
    static boolean isPasswordMissing(SQLException e) {
        return "08004".equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains("password");
    }

    /** True when a connection failed for want of a (right) password, which asking again can fix. */
    public static boolean isPasswordProblem(LifeboatException e) {
        return e.code() == ErrorCode.AUTHENTICATION_FAILED && e.getCause() instanceof SQLException s
                && ("28P01".equals(s.getSQLState()) || isPasswordMissing(s));
    }

    /** Wraps a failure of a statement on an open connection. */
    public static LifeboatException failure(ErrorCode code, String what, SQLException e) {
        if ("42501".equals(e.getSQLState())) {
            return new LifeboatException(ErrorCode.PERMISSION_DENIED, what + ": " + firstLine(e.getMessage()), e);
        }
        return new LifeboatException(code, what + ": " + firstLine(e.getMessage()), e);
    }

    public static ServerInfo serverInfo(Connection c) throws SQLException {
        return serverInfo(c, true);
    }

    /**
     * As {@link #serverInfo(Connection)}; without the database's size (-1) when {@code withSize} is
     * false: {@code pg_database_size} reads the size of every file of the database (10 ms for 2,000
     * tables), which a backup's way to pg_dump need not wait for.
     */
    public static ServerInfo serverInfo(Connection c, boolean withSize) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('server_version_num')::int, "
                     + "current_setting('server_version'), " + (withSize ? "pg_database_size(current_database())" : "-1")
                     + ", "
                     + "current_database(), current_user, "
                     + "(SELECT rolsuper OR rolcreatedb FROM pg_roles WHERE rolname = current_user), "
                     + "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)")) {
            rs.next();
            return new ServerInfo(rs.getInt(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                    rs.getString(5), rs.getBoolean(6), rs.getBoolean(7));
        }
    }

    /** Quotes an SQL identifier the way PostgreSQL's quote_ident does, always. */
    public static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /**
     * An identifier as PostgreSQL's quote_ident writes it, for people to read: bare when it is lower
     * case ASCII letters, digits and underscores and not a reserved word (app, order_lines), quoted
     * otherwise ("a.b", "with space", "Größe", """q""uote", "order").
     */
    public static String identIfNeeded(String name) {
        boolean plain = name.matches("[a-z_][a-z0-9_]*") && !RESERVED.contains(name);
        return plain ? name : ident(name);
    }

    /** PostgreSQL's reserved key words (the ones quote_ident quotes; its other key words are rare as names). */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("all", "analyse", "analyze", "and", "any",
            "array", "as", "asc", "asymmetric", "authorization", "binary", "both", "case", "cast", "check", "collate",
            "collation", "column", "concurrently", "constraint", "create", "cross", "current_catalog", "current_date",
            "current_role", "current_schema", "current_time", "current_timestamp", "current_user", "default",
            "deferrable", "desc", "distinct", "do", "else", "end", "except", "false", "fetch", "for", "foreign",
            "freeze", "from", "full", "grant", "group", "having", "ilike", "in", "initially", "inner", "intersect",
            "into", "is", "isnull", "join", "lateral", "leading", "left", "like", "limit", "localtime",
            "localtimestamp", "natural", "not", "notnull", "null", "offset", "on", "only", "or", "order", "outer",
            "overlaps", "placing", "primary", "references", "returning", "right", "select", "session_user", "similar",
            "some", "symmetric", "system_user", "table", "tablesample", "then", "to", "trailing", "true", "union",
            "unique", "user", "using", "variadic", "verbose", "when", "where", "window", "with");

    /** Quotes an SQL string literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
