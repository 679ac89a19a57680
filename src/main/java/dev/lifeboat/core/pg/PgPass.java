package dev.lifeboat.core.pg;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
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

    /** The file this reads and {@link #save} writes. */
    public Path file() {
        return file;
    }

    /**
     * Saves a role's password for a server, for every database on it (a role has one password per
     * server), so that scheduled runs find it too. The line goes first, as libpq uses the first
     * match; an older line for the same role and server is replaced. The file is readable by its
     * owner only, else libpq ignores it.
     */
    public void save(String host, int port, String user, String password) {
        List<String> fields = List.of(host, Integer.toString(port), "*", user);
        String line = String.join(":", fields.stream().map(PgPass::escape).toList()) + ":" + escape(password);
        try {
            List<String> lines = new ArrayList<>();
            lines.add(line);
            if (Files.exists(file)) {
                for (String old : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    List<String> f = split(old);
                    if (f.size() < 5 || !f.subList(0, 4).equals(fields)) {
                        lines.add(old);
                    }
                }
            }
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".pgpass", ".tmp");
            try {
                ownerOnly(tmp);
                Files.write(tmp, lines, StandardCharsets.UTF_8);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            ownerOnly(file);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot save the password in " + file + ": "
                    + e.getMessage(), e);
        }
    }

    private static void ownerOnly(Path p) throws IOException {
        if (Files.getFileStore(p).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** libpq reads a backslash as escaping the next character, so ':' and '\' are escaped. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace(":", "\\:");
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
