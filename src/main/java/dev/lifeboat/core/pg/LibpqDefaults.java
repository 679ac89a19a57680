package dev.lifeboat.core.pg;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills in connection parameters as libpq does, so that the JDBC connection and the child tools
 * reach the same server: what is written wins, then the service's section in the service file
 * (service=NAME or PGSERVICE; the file PGSERVICEFILE, else ~/.pg_service.conf, else
 * PGSYSCONFDIR/pg_service.conf), then the PG* environment variables, then the defaults.
 */
final class LibpqDefaults {
    /** Connection parameters libpq reads from the environment, by variable. */
    private static final Map<String, String> ENVIRONMENT = Map.ofEntries(
            Map.entry("PGHOST", "host"), Map.entry("PGHOSTADDR", "hostaddr"), Map.entry("PGPORT", "port"),
            Map.entry("PGDATABASE", "dbname"), Map.entry("PGUSER", "user"), Map.entry("PGOPTIONS", "options"),
            Map.entry("PGAPPNAME", "application_name"), Map.entry("PGSSLMODE", "sslmode"),
            Map.entry("PGSSLCERT", "sslcert"), Map.entry("PGSSLKEY", "sslkey"), Map.entry("PGSSLROOTCERT", "sslrootcert"),
            Map.entry("PGSSLCRL", "sslcrl"), Map.entry("PGREQUIRESSL", "requiressl"),
            Map.entry("PGSSLCOMPRESSION", "sslcompression"), Map.entry("PGGSSENCMODE", "gssencmode"),
            Map.entry("PGKRBSRVNAME", "krbsrvname"), Map.entry("PGCONNECT_TIMEOUT", "connect_timeout"),
            Map.entry("PGCLIENTENCODING", "client_encoding"),
            Map.entry("PGTARGETSESSIONATTRS", "target_session_attrs"), Map.entry("PGSSLMINPROTOCOLVERSION",
                    "ssl_min_protocol_version"), Map.entry("PGSSLMAXPROTOCOLVERSION", "ssl_max_protocol_version"));
    /** Set by Lifeboat for its child tools; not the person's choice of connection. */
    private static final List<String> OWN = List.of("application_name", "client_encoding", "connect_timeout");

    private LibpqDefaults() {
    }

    /** The written parameters completed from the service file and the environment. */
    static Map<String, String> complete(Map<String, String> written, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>(written);
        String service = values.remove("service");
        if (service == null || service.isBlank()) {
            service = env.get("PGSERVICE");
        }
        if (service != null && !service.isBlank()) {
            serviceSection(service, env).forEach(values::putIfAbsent);
        }
        ENVIRONMENT.forEach((variable, key) -> {
            String v = env.get(variable);
            // a socket directory (PGHOST=/var/run/postgresql) is not a place JDBC can reach
            boolean socket = key.equals("host") && v != null && v.startsWith("/");
            if (v != null && !v.isEmpty() && !OWN.contains(key) && !socket) {
                values.putIfAbsent(key, v);
            }
        });
        return values;
    }

    private static Map<String, String> serviceSection(String service, Map<String, String> env) {
        Path named = env.get("PGSERVICEFILE") != null ? Path.of(env.get("PGSERVICEFILE"))
                : Path.of(System.getProperty("user.home"), ".pg_service.conf");
        Map<String, String> found = section(named, service);
        if (found == null && env.get("PGSYSCONFDIR") != null) {
            found = section(Path.of(env.get("PGSYSCONFDIR"), "pg_service.conf"), service);
        }
        if (found == null) {
            throw new LifeboatException(ErrorCode.USAGE, "The connection names the service '" + service + "', which "
                    + "is not in " + named + (env.get("PGSYSCONFDIR") != null ? " nor in " + env.get("PGSYSCONFDIR")
                    + "/pg_service.conf" : "") + ". Add a [" + service + "] section there, or give host, port, user and "
                    + "dbname.");
        }
        return found;
    }

    /** The key=value lines of one [section] of a service file; null when the file or the section is missing. */
    static Map<String, String> section(Path file, String service) {
        if (!Files.isReadable(file)) {
            return null;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
        Map<String, String> values = null;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[") && line.endsWith("]")) {
                if (values != null) {
                    break;
                }
                if (line.substring(1, line.length() - 1).strip().equals(service)) {
                    values = new LinkedHashMap<>();
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (values != null && eq > 0) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return values;
    }
}
