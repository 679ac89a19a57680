package dev.lifeboat.core.pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads a libpq password file (~/.pgpass, PGPASSFILE, or %APPDATA%\postgresql\pgpass.conf). */
public final class PgPass {
    private final Path file;

    PgPass(Path file) {
        this.file = file;
    }

    public static PgPass standard() {
        String env = System.getenv("PGPASSFILE");
        if (env != null && !env.isBlank()) {
            return new PgPass(Path.of(env));
        }
        String appData = System.getenv("APPDATA");
        if (System.getProperty("os.name", "").toLowerCase().contains("win") && appData != null) {
            return new PgPass(Path.of(appData, "postgresql", "pgpass.conf"));
        }
        return new PgPass(Path.of(System.getProperty("user.home"), ".pgpass"));
    }

    public static PgPass at(Path file) {
        return new PgPass(file);
    }

    public Optional<String> find(String host, int port, String database, String user) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> fields = split(line);
            if (fields.size() < 5) {
                continue;
            }
            if (matches(fields.get(0), host) && matches(fields.get(1), Integer.toString(port))
                    && matches(fields.get(2), database) && matches(fields.get(3), user)) {
                return Optional.of(fields.get(4));
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String pattern, String value) {
        if (pattern.equals("*") || pattern.equals(value)) {
            return true;
        }
        // libpq treats "localhost" as matching a Unix-socket connection and the loopback name alike.
        return pattern.equals("localhost") && ("127.0.0.1".equals(value) || "::1".equals(value));
    }

    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
