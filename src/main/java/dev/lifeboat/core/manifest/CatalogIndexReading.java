package dev.lifeboat.core.manifest;

import dev.lifeboat.core.manifest.CatalogIndex.Identity;
import dev.lifeboat.core.manifest.CatalogIndex.Layout;
import dev.lifeboat.core.manifest.CatalogIndex.Slot;
import dev.lifeboat.core.manifest.CatalogIndex.Snapshot;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.lifeboat.core.manifest.CatalogIndex.FIELDS;
import static dev.lifeboat.core.manifest.CatalogIndex.NULL;
import static dev.lifeboat.core.manifest.CatalogIndex.escape;
import static dev.lifeboat.core.manifest.CatalogIndex.unescape;

/**
 * The reading half of {@link CatalogIndex}: its three ways of reading the index file (the first lines,
 * the whole file's bytes, one id through the id table) and the parsing of its lines. Split out of
 * {@link CatalogIndex}, whose {@code readIfCurrent} chooses among them.
 */
final class CatalogIndexReading {
    private CatalogIndexReading() {
    }

    /** The first lines only: the header, or the newest few entries. */
    static Snapshot readLines(Path indexFile, Identity identity, int maxSlots, boolean summaries) {
        try (BufferedReader r = Files.newBufferedReader(indexFile, StandardCharsets.UTF_8)) {
            Layout layout = Layout.of(r.readLine(), identity);
            String second = layout == null ? null : r.readLine();
            if (second == null) {
                return null;
            }
            Map<String, Object> header = CatalogIndexHeader.parse(second);
            if (maxSlots < 0) {
                return new Snapshot(identity, header, null, layout.canonical());
            }
            int want = Math.min(maxSlots, layout.count());
            List<Slot> slots = new ArrayList<>(Math.min(want, 100_000));
            for (String line = slots.size() < want ? r.readLine() : null; line != null;
                 line = slots.size() < want ? r.readLine() : null) {
                slots.add(parseLine(line, summaries));
            }
            if (slots.size() < want) {
                return null; // fewer lines than the first line says: cut short, so rebuilt
            }
            return new Snapshot(identity, header, slots, layout.canonical());
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The whole index, found in its bytes: lines and an id are searched in a Latin-1 view of them (a
     * vectorised search), and only the lines kept are decoded. With {@code onlyId} only that id's lines.
     */
    static Snapshot readBytes(byte[] all, Identity identity, String onlyId, boolean summaries) throws IOException {
        int firstEnd = indexOf(all, 0);
        int secondEnd = firstEnd < 0 ? -1 : indexOf(all, firstEnd + 1);
        if (secondEnd < 0 || all[all.length - 1] != '\n') {
            return null;
        }
        Layout layout = Layout.of(new String(all, 0, firstEnd, StandardCharsets.UTF_8), identity);
        if (layout == null || all.length != layout.tableStart() + (long) layout.count() * CatalogIdTable.RECORD) {
            return null;
        }
        boolean canonical = layout.canonical();
        int tableStart = (int) layout.tableStart();
        Map<String, Object> header = CatalogIndexHeader.parse(new String(all, firstEnd + 1, secondEnd - firstEnd - 1,
                StandardCharsets.UTF_8));
        List<Slot> slots = new ArrayList<>();
        if (onlyId != null) {
            String latin = new String(all, StandardCharsets.ISO_8859_1);
            String needle = "\t" + new String(escape(onlyId).getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1) + "\t";
            for (int at = latin.indexOf(needle, secondEnd); at >= 0 && at < tableStart; ) {
                int start = latin.lastIndexOf('\n', at) + 1;
                int end = latin.indexOf('\n', at);
                Slot slot = parseLine(new String(all, start, end - start, StandardCharsets.UTF_8), summaries);
                if (slot.id().equals(onlyId)) {
                    slots.add(slot);
                }
                at = latin.indexOf(needle, end);
            }
            return new Snapshot(identity, header, slots, canonical);
        }
        for (int start = secondEnd + 1, end = start; start < tableStart; start = ++end) {
            while (all[end] != '\n') {
                end++;
            }
            slots.add(parseLine(all, start, end, summaries));
        }
        return new Snapshot(identity, header, slots, canonical);
    }

    /** The entries with this id, found through the id table without reading the rest; null when that fails. */
    static Snapshot lookUp(Path indexFile, Identity identity, String id, boolean summaries) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(indexFile)) {
            java.io.InputStream in = java.nio.channels.Channels.newInputStream(ch);
            BufferedReader r = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), 8192);
            Layout layout = Layout.of(r.readLine(), identity);
            String second = layout == null ? null : r.readLine();
            if (second == null) {
                return null;
            }
            Map<String, Object> header = CatalogIndexHeader.parse(second);
            List<String> lines = CatalogIdTable.lines(ch, layout, id);
            if (lines == null) {
                return null;
            }
            List<Slot> slots = new ArrayList<>(1);
            for (String line : lines) {
                Slot slot = parseLine(line, summaries);
                if (slot.id().equals(id)) {
                    slots.add(slot);
                }
            }
            // The table matched its checksum, so an id it does not hold is in no line (a found one is certain
            // anyway: its line names its id). A damaged table was refused above: then the whole index answers.
            return new Snapshot(identity, header, slots, layout.canonical());
        } catch (IOException | RuntimeException e) {
            return null; // missing or damaged: the slower paths read or rebuild it
        }
    }

    /**
     * As below, from the index's bytes: the first fields are read in place and the line is kept as a
     * range of those bytes, decoded only if its summary or retention facts are asked for.
     */
    private static Slot parseLine(byte[] b, int start, int end, boolean keepLine) {
        int[] t = new int[5];
        for (int i = start, n = 0; n < t.length; i++) {
            if (i >= end) {
                throw new IllegalArgumentException("short index line");
            }
            if (b[i] == '\t') {
                t[n++] = i;
            }
        }
        String rawId = new String(b, t[3] + 1, t[4] - t[3] - 1, StandardCharsets.UTF_8);
        if (rawId.equals(NULL) || rawId.isBlank() || rawId.indexOf('\\') >= 0) {
            return parseLine(new String(b, start, end - start, StandardCharsets.UTF_8), keepLine);
        }
        return new Slot(null, keepLine ? b : null, start, end, number(b, start, t[0]), (int) number(b, t[0] + 1, t[1]),
                number(b, t[1] + 1, t[2]), rawId);
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static long number(byte[] b, int from, int to) {
        if (from >= to || to - from > 18 || b[from] == '-') {
            return Long.parseLong(new String(b, from, to - from, StandardCharsets.ISO_8859_1)); // rare: the JDK's checks
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException("not a number in the index");
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Reads the fields every read needs (place, instant, id) without splitting the whole line. */
    static Slot parseLine(String line, boolean keepLine) {
        int t0 = line.indexOf('\t');
        int t1 = line.indexOf('\t', t0 + 1);
        int t2 = line.indexOf('\t', t1 + 1);
        int t3 = line.indexOf('\t', t2 + 1);
        int t4 = line.indexOf('\t', t3 + 1);
        if (t4 < 0) {
            throw new IllegalArgumentException("short index line");
        }
        long offset = Long.parseLong(line, 0, t0, 10);
        int length = Integer.parseInt(line, t0 + 1, t1, 10);
        long sortKey = Long.parseLong(line, t1 + 1, t2, 10);
        String rawId = line.substring(t3 + 1, t4);
        if (rawId.equals(NULL) || rawId.isBlank() || rawId.indexOf('\\') >= 0) {
            Slot full = new Slot(parseSummary(line.split("\t", -1)), offset, length);
            return full; // an entry without an id of its own (a hand-made one): its id comes from other fields
        }
        return new Slot(keepLine ? line : null, null, 0, 0, offset, length, sortKey, rawId);
    }

    static List<CopyRecord> parseCopies(String text) {
        if (text == null) {
            return null;
        }
        List<CopyRecord> list = new ArrayList<>();
        for (String one : text.split("\u001f", -1)) {
            int eq = one.lastIndexOf('=');
            String state = one.substring(eq + 1);
            list.add(new CopyRecord(one.substring(0, eq).replace("\\=", "="), null, null, null, null, null,
                    state.isEmpty() ? null : CopyState.valueOf(state), null));
        }
        return list;
    }

    static EntrySummary parseSummary(String[] f) {
        if (f.length != FIELDS) {
            throw new IllegalArgumentException("index line with " + f.length + " fields");
        }
        for (int i = 0; i < f.length; i++) {
            f[i] = f[i].equals(NULL) ? null : unescape(f[i]);
        }
        List<VerificationRecord> verifications = f[21] == null && f[19] == null ? List.of()
                : List.of(new VerificationRecord(f[19], f[20], f[21] == null ? null : CheckStatus.valueOf(f[21]),
                null, null, null, null));
        List<String> tags = f[9] == null || f[9].isEmpty() ? List.of() : List.of(f[9].split("\u001f", -1));
        BackupEntry thin = new BackupEntry(f[4], f[5], f[6], f[7], f[22], f[23] == null ? null : Integer.valueOf(f[23]),
                f[24], f[8], tags, f[10], f[11], f[12], f[13] == null ? null : Long.valueOf(f[13]),
                f[14] == null ? null : Double.valueOf(f[14]), f[25], null, f[15] == null ? null : Integer.valueOf(f[15]),
                null, null, f[16], null, null, null, null, null, null,
                f[18] == null ? null : new GlobalsInfo(f[18], null, null, null), null,
                f[17] == null ? null : Boolean.valueOf(f[17]), verifications, parseCopies(f[26]), null, null);
        return new EntrySummary(thin, f[3] == null ? null : Long.valueOf(f[3]), Long.parseLong(f[2]));
    }
}
