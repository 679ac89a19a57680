package dev.lifeboat.core.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lifeboat.core.util.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What psql printed while it ran a counted restore (decision 011): a command tag per statement, of
 * which only an exact {@code COPY n} line is a count and the last one says whether it committed;
 * then, after that COMMIT and on the same session, a line per restored table ({@link #TABLES}: its
 * schema, name, kind and inheritance parent as a JSON array behind {@link #TABLE_LINE}), so that the
 * row check needs no connection of its own to a database just made. A table line before the COMMIT
 * is no table line (the script's own output): it counts as some other line.
 */
final class PsqlTags {
    private static final Logger LOG = LoggerFactory.getLogger(PsqlTags.class);
    static final String TABLE_LINE = "~lifeboat-table ";
    /** The row check's catalog query (LoadedRows.TREE) as psql prints it; pg_catalog is searched first. */
    static final String TABLES = """

            SELECT '~lifeboat-table ' || json_build_array(n.nspname, c.relname, c.relkind, pn.nspname, p.relname)::text
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_inherits i ON i.inhrelid = c.oid
            LEFT JOIN pg_class p ON p.oid = i.inhparent
            LEFT JOIN pg_namespace pn ON pn.oid = p.relnamespace
            WHERE c.relkind IN ('r', 'p', 'f')
              AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%';
            """;

    final List<Long> counts = new ArrayList<>();
    /** The last line that is no table line; "" for one too long to be a tag, null when the output broke off. */
    String lastTag;
    private final List<String> tableLines = new ArrayList<>();
    private boolean tablesBroken;

    /** The restored tables (schema, name, relkind, parent's schema and name), or null when they were not all read. */
    List<String[]> tables() {
        if (tablesBroken || !"COMMIT".equals(lastTag)) {
            return null;
        }
        List<String[]> rows = new ArrayList<>(tableLines.size());
        try {
            for (String line : tableLines) {
                String[] row = Json.MAPPER.readValue(line.substring(TABLE_LINE.length()), String[].class);
                if (row == null || row.length != 5) {
                    return null;
                }
                rows.add(row);
            }
        } catch (JsonProcessingException e) {
            LOG.debug("psql's list of the restored tables could not be read: {}", e.toString());
            return null;
        }
        return rows;
    }

    /** Reads psql's output as it comes, a line at a time, without a decoder. */
    void read(InputStream out) {
        byte[] buf = new byte[8192];
        byte[] line = new byte[4096];
        int len = 0;
        boolean tooLong = false;
        try {
            for (int n = out.read(buf); n >= 0; n = out.read(buf)) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b != '\n') {
                        if (len < line.length) {
                            line[len++] = b;
                        } else {
                            tooLong = true; // not a tag (psql's tags are short): kept as "some other line"
                        }
                        continue;
                    }
                    if (len > 0 && line[len - 1] == '\r') {
                        len--;
                    }
                    line(line, len, tooLong);
                    len = 0;
                    tooLong = false;
                }
            }
            line(line, len, tooLong);
        } catch (IOException e) {
            // Killing psql (when pg_restore failed) closes its streams under this read: its exit code tells what happened.
            LOG.debug("psql's output ended: {}", e.toString());
            lastTag = null;
        }
    }

    /** Reads the file psql wrote its output into; one that cannot be read leaves no COMMIT seen. */
    void read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            read(in);
        } catch (IOException e) {
            LOG.debug("psql's tags could not be read: {}", e.toString());
            lastTag = null; // no COMMIT seen: the restore does not count as done
        }
    }

    private void line(byte[] line, int len, boolean tooLong) {
        if (len == 0) {
            return;
        }
        if ("COMMIT".equals(lastTag) && startsWithTableLine(line, len)) {
            if (tooLong) {
                tablesBroken = true;
            } else {
                tableLines.add(new String(line, 0, len, StandardCharsets.UTF_8));
            }
            return;
        }
        lastTag = tooLong ? "" : new String(line, 0, len, StandardCharsets.UTF_8);
        Long count = tooLong ? null : copyCount(line, len);
        if (count != null) {
            counts.add(count);
        }
    }

    private static boolean startsWithTableLine(byte[] line, int len) {
        if (len < TABLE_LINE.length()) {
            return false;
        }
        for (int i = 0; i < TABLE_LINE.length(); i++) {
            if (line[i] != TABLE_LINE.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The n of a line that is exactly {@code COPY n}; null for any other line. */
    private static Long copyCount(byte[] line, int len) {
        if (len < 6 || len > 5 + 19 || line[0] != 'C' || line[1] != 'O' || line[2] != 'P' || line[3] != 'Y'
                || line[4] != ' ') {
            return null;
        }
        long n = 0;
        for (int i = 5; i < len; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9 || n > (Long.MAX_VALUE - d) / 10) {
                return null;
            }
            n = n * 10 + d;
        }
        return n;
    }
}
