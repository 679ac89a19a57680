package dev.lifeboat.core.restore;

import dev.lifeboat.core.pg.Pg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Picks the CREATE ROLE / ALTER ROLE lines of some roles out of a saved pg_dumpall --globals-only file. */
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
}
