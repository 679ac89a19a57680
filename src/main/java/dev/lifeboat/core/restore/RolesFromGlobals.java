package dev.lifeboat.core.restore;

import dev.lifeboat.core.pg.Pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks lines out of a saved pg_dumpall --globals-only file: the CREATE ROLE / ALTER ROLE lines of
 * some roles and the memberships among roles; and points per-database role settings at a restored database.
 */
final class RolesFromGlobals {
    private RolesFromGlobals() {
    }

    static List<String> statements(Path globalsFile, List<String> roles) throws IOException {
        List<String> lines = Files.readAllLines(globalsFile, StandardCharsets.UTF_8);
        List<String> result = new ArrayList<>();
        for (String role : roles) {
            List<String> names = List.of(role, Pg.ident(role));
            for (String line : lines) {
                for (String n : names) {
                    if (line.equals("CREATE ROLE " + n + ";") || line.startsWith("ALTER ROLE " + n + " WITH ")) {
                        result.add(line);
                    }
                }
            }
        }
        return result;
    }

    private static final java.util.regex.Pattern MEMBERSHIP = java.util.regex.Pattern.compile(
            "^GRANT (\"(?:[^\"]|\"\")+\"|\\S+) TO (\"(?:[^\"]|\"\")+\"|\\S+?)(?: WITH [A-Z ]+?)?(?: GRANTED BY .*)?;$");
    private static final java.util.regex.Pattern DB_SETTING = java.util.regex.Pattern.compile(
            "^ALTER ROLE (\"(?:[^\"]|\"\")+\"|\\S+) IN DATABASE (\"(?:[^\"]|\"\")+\"|\\S+) (SET .*;)$");

    /**
     * GRANT role TO member lines where one side was just created and the other exists, without
     * GRANTED BY (the grantor may not exist here).
     */
    static List<String> memberships(Path globalsFile, java.util.Collection<String> created,
                                    java.util.Set<String> existing) throws IOException {
        List<String> result = new ArrayList<>();
        for (String line : Files.readAllLines(globalsFile, StandardCharsets.UTF_8)) {
            java.util.regex.Matcher m = MEMBERSHIP.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String role = unquote(m.group(1));
            String member = unquote(m.group(2));
            boolean touchesCreated = created.contains(role) || created.contains(member);
            boolean bothThere = (created.contains(role) || existing.contains(role))
                    && (created.contains(member) || existing.contains(member));
            if (touchesCreated && bothThere) {
                result.add("GRANT " + Pg.ident(role) + " TO " + Pg.ident(member));
            }
        }
        return result;
    }

    /** ALTER ROLE … IN DATABASE lines, pointed at the restored database. */
    static List<String> forDatabase(List<String> lines, String restored) {
        List<String> result = new ArrayList<>();
        for (String line : lines) {
            java.util.regex.Matcher m = DB_SETTING.matcher(line.strip());
            if (m.matches()) {
                result.add("ALTER ROLE " + m.group(1) + " IN DATABASE " + Pg.ident(restored) + " " + m.group(3));
            }
        }
        return result;
    }

    static String unquote(String ident) {
        return ident.startsWith("\"") && ident.endsWith("\"") && ident.length() >= 2
                ? ident.substring(1, ident.length() - 1).replace("\"\"", "\"") : ident;
    }
}
