package dev.lifeboat.core.pg;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a database lives and who connects to it. Parsed from a libpq URI or key=value conninfo.
 * The password, when one is known, is held here only in memory: {@link #toString()} and
 * {@link #display()} never show it, and child processes receive it through their environment.
 */
public final class ConnectionSpec {
    public static final int DEFAULT_PORT = 5432;

    private final String host;
    private final int port;
    private final String database;
    private final String user;
    private final String password;
    private final Map<String, String> options;

    public ConnectionSpec(String host, int port, String database, String user, String password,
                          Map<String, String> options) {
        this.host = host == null || host.isBlank() ? "localhost" : host;
        this.port = port <= 0 ? DEFAULT_PORT : port;
        this.user = user == null || user.isBlank() ? defaultUser() : user;
        this.database = database == null || database.isBlank() ? this.user : database;
        this.password = password == null || password.isEmpty() ? null : password;
        this.options = Map.copyOf(options == null ? Map.of() : options);
    }

    public static ConnectionSpec of(String host, int port, String database, String user) {
        return new ConnectionSpec(host, port, database, user, null, Map.of());
    }

    /**
     * Parses a {@code postgresql://} URI or a {@code key=value} conninfo string; what it leaves out
     * comes from the service file and the PG* environment, as libpq does it.
     */
    public static ConnectionSpec parse(String text) {
        return parse(text, System.getenv());
    }

    static ConnectionSpec parse(String text, Map<String, String> env) {
        if (text == null || text.isBlank()) {
            throw new LifeboatException(ErrorCode.USAGE, "No connection given. Use a URI such as "
                    + "postgresql://user@host:5432/dbname, or key=value pairs such as 'host=db1 dbname=ledger'.");
        }
        String t = text.strip();
        if (t.startsWith("postgresql://") || t.startsWith("postgres://")) {
            return fromValues(LibpqDefaults.complete(parseUri(t), env));
        }
        if (t.contains("=")) {
            return fromValues(LibpqDefaults.complete(parseConninfo(t), env));
        }
        throw new LifeboatException(ErrorCode.USAGE, "'" + t + "' is neither a connection URI nor key=value "
                + "pairs. Use postgresql://user@host:5432/dbname or 'host=... dbname=... user=...'.");
    }

    private static Map<String, String> parseUri(String uri) {
        String rest = uri.substring(uri.indexOf("://") + 3);
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String path = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            path = rest.substring(slash + 1);
            rest = rest.substring(0, slash);
        }
        String userInfo = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            userInfo = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        String user = null;
        String password = null;
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
            password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
        }
        String host = rest;
        int port = 0;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            String after = host.substring(end + 1);
            host = host.substring(1, end);
            if (after.startsWith(":")) {
                port = parsePort(after.substring(1));
            }
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0) {
                port = parsePort(host.substring(colon + 1));
                host = host.substring(0, colon);
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "host", decode(host));
        put(values, "port", port > 0 ? Integer.toString(port) : null);
        put(values, "user", user);
        put(values, "password", password);
        put(values, "dbname", path.isEmpty() ? null : decode(path));
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    continue;
                }
                values.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    private static void put(Map<String, String> values, String key, String value) {
        if (value != null && !value.isEmpty()) {
            values.put(key, value);
        }
    }

    /** A spec from libpq's parameters: host, port, dbname, user and password, the rest as options. */
    private static ConnectionSpec fromValues(Map<String, String> all) {
        Map<String, String> values = new LinkedHashMap<>(all);
        String host = values.remove("host");
        String port = values.remove("port");
        String database = values.remove("dbname");
        String user = values.remove("user");
        String password = values.remove("password");
        return new ConnectionSpec(host, port == null ? 0 : parsePort(port), database, user, password, values);
    }

    private static Map<String, String> parseConninfo(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw new LifeboatException(ErrorCode.USAGE, "Cannot read the connection string near '"
                        + text.substring(i) + "': every part must be key=value.");
            }
            String key = text.substring(i, eq).strip();
            i = eq + 1;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '\'') {
                i++;
                while (i < n && text.charAt(i) != '\'') {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        i++;
                        c = text.charAt(i);
                    }
                    value.append(c);
                    i++;
                }
                i++;
            } else {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        i++;
                        c = text.charAt(i);
                    }
                    value.append(c);
                    i++;
                }
            }
            values.put(key, value.toString());
        }
        return values;
    }

    private static int parsePort(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        int port;
        try {
            port = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new LifeboatException(ErrorCode.USAGE, "Port '" + text + "' is not a number.");
        }
        if (port < 1 || port > 65535) {
            throw new LifeboatException(ErrorCode.USAGE, "Port " + port + " is out of range: a port is a number "
                    + "from 1 to 65535 (PostgreSQL's default is 5432).");
        }
        return port;
    }

    private static String decode(String s) {
        return s == null ? null : URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String defaultUser() {
        String env = System.getenv("PGUSER");
        return env != null && !env.isBlank() ? env : System.getProperty("user.name", "postgres");
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String database() {
        return database;
    }

    public String user() {
        return user;
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    public Map<String, String> options() {
        return options;
    }

    public ConnectionSpec withDatabase(String otherDatabase) {
        return new ConnectionSpec(host, port, otherDatabase, user, password, options);
    }

    public ConnectionSpec withPassword(String newPassword) {
        return new ConnectionSpec(host, port, database, user, newPassword, options);
    }

    /**
     * The password to use: the one given, else one typed in this session, else PGPASSWORD, else a
     * matching ~/.pgpass line. Child processes would find the last two themselves; JDBC needs it
     * handed over.
     */
    public ConnectionSpec withResolvedPassword() {
        if (password != null) {
            return this;
        }
        Optional<String> typed = SessionPasswords.find(host, port, user);
        if (typed.isPresent()) {
            return withPassword(typed.get());
        }
        String env = System.getenv("PGPASSWORD");
        if (env != null && !env.isEmpty()) {
            return withPassword(env);
        }
        return PgPass.standard().find(host, port, database, user).map(this::withPassword).orElse(this);
    }

    /**
     * A libpq conninfo string for child processes ({@code --dbname=...}). It never contains the
     * password, so it is safe on a command line and in logs.
     */
    public String toConninfo() {
        StringBuilder sb = new StringBuilder();
        append(sb, "host", host);
        append(sb, "port", Integer.toString(port));
        append(sb, "dbname", database);
        append(sb, "user", user);
        options.forEach((k, v) -> append(sb, k, v));
        return sb.toString().strip();
    }

    private static void append(StringBuilder sb, String key, String value) {
        sb.append(key).append("='")
                .append(value.replace("\\", "\\\\").replace("'", "\\'"))
                .append("' ");
    }

    /** A postgresql:// URI without the password, for people and for saving. */
    public String toUri() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        StringBuilder sb = new StringBuilder("postgresql://").append(encode(user)).append('@').append(h).append(':')
                .append(port).append('/').append(encode(database));
        if (!options.isEmpty()) {
            sb.append('?');
            options.forEach((k, v) -> sb.append(encode(k)).append('=').append(encode(v)).append('&'));
            sb.setLength(sb.length() - 1);
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** user@host:port/database, for people. */
    public String display() {
        return user + "@" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return display();
    }
}
