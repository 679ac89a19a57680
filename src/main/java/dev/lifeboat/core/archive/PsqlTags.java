package dev.lifeboat.core.archive;

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
    /**
     * The row check's catalog query (LoadedRows.TREE) as psql prints it; pg_catalog is searched first. The
     * names are written as the hex of their UTF-8 bytes: the script's own {@code SET client_encoding} (the
     * dumped database's encoding, LATIN1 say) still holds in this session after its COMMIT, and psql would
     * print them in that encoding.
     */
    static final String TABLES = """

            SELECT '~lifeboat-table ' || json_build_array(encode(convert_to(n.nspname::text, 'UTF8'), 'hex'),
                encode(convert_to(c.relname::text, 'UTF8'), 'hex'), c.relkind,
                encode(convert_to(pn.nspname::text, 'UTF8'), 'hex'), encode(convert_to(p.relname::text, 'UTF8'), 'hex'))::text
            """ + ArchiveRestorer.RESTORED_TABLES_FROM + ";\n";

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
        for (String line : tableLines) {
            String[] row = utf8Names(row(line, TABLE_LINE.length()));
            if (row == null) {
                LOG.debug("psql's list of the restored tables could not be read at: {}", line);
                return null;
            }
            rows.add(row);
        }
        return rows;
    }

    /** The row with its names (all but the kind) decoded from the hex of their UTF-8 bytes; null for a bad one. */
    static String[] utf8Names(String[] row) {
        if (row == null) {
            return null;
        }
        for (int k : new int[]{0, 1, 3, 4}) {
            if (row[k] != null) {
                row[k] = fromHex(row[k]);
                if (row[k] == null) {
                    return null;
                }
            }
        }
        return row;
    }

    private static String fromHex(String hex) {
        if (hex.length() % 2 != 0) {
            return null;
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            bytes[i] = (byte) (hi << 4 | lo);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * A JSON array of five strings or nulls, as json_build_array prints names and a "char" (read by hand:
     * 2,000 lines through databind would cost a cold JVM more than the connection this saves); null for
     * anything else.
     */
    static String[] row(String s, int from) {
        String[] row = new String[5];
        int i = skipSpace(s, from);
        if (i >= s.length() || s.charAt(i) != '[') {
            return null;
        }
        for (int k = 0; k < row.length; k++) {
            i = skipSpace(s, i + 1);
            if (s.startsWith("null", i)) {
                i += 4;
            } else if (i < s.length() && s.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i = string(s, i + 1, b);
                if (i < 0) {
                    return null;
                }
                row[k] = b.toString();
            } else {
                return null;
            }
            i = skipSpace(s, i);
            if (i >= s.length() || s.charAt(i) != (k == row.length - 1 ? ']' : ',')) {
                return null;
            }
        }
        return skipSpace(s, i + 1) == s.length() ? row : null;
    }

    /** Reads a JSON string's characters from just after its opening quote; the index after its closing one, or -1. */
    private static int string(String s, int i, StringBuilder b) {
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') {
                return i;
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            if (i >= s.length()) {
                return -1;
            }
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '/' -> b.append(e);
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'u' -> {
                    if (i + 4 > s.length()) {
                        return -1;
                    }
                    try {
                        b.append((char) Integer.parseInt(s, i, i + 4, 16));
                    } catch (NumberFormatException bad) {
                        return -1;
                    }
                    i += 4;
                }
                default -> {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
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
