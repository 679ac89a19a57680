package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.lifeboat.core.util.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The derived index of a manifest snapshot: for each entry where its bytes lie in the snapshot and
 * the few fields listing and planning need, one tab-separated line each, so that reading 35,000
 * summaries costs a fraction of parsing the snapshot. It names the snapshot it describes (size,
 * modification time, file key); when they differ (a hand edit, a restored .bak) it is rebuilt from
 * the snapshot. Holding no data of its own, it is never a reason to refuse work.
 */
final class CatalogIndex {
    /**
     * Named per format: an older Lifeboat reads and writes its format-1 index under the old name, so
     * when both use one folder neither throws away (and rebuilds over) the other's index.
     */
    static final String FILE_NAME = ".backup_manifest.index-2";
    /** The format-1 index an older Lifeboat keeps; never read, written or removed by this one. */
    static final String FORMAT_1_FILE_NAME = ".backup_manifest.index";
    private static final String MAGIC = "lifeboat-catalog-index 2";
    private static final String NULL = "\\N";
    private static final int FIELDS = 27;

    /**
     * One snapshot entry: where its JSON lies in the snapshot, its id and creation instant, and its
     * summary, parsed from the index line only when asked for (most reads need only the first four).
     */
    static final class Slot {
        private final long offset;
        private final int length;
        private final long sortKey;
        private final String id;
        /** The index line, decoded from {@code src} on first use (most reads never decode most lines). */
        private String line;
        private final byte[] src;
        private final int from;
        private final int to;
        private EntrySummary summary;

        Slot(EntrySummary summary, long offset, int length) {
            this(null, null, 0, 0, offset, length, summary.sortKey(), summary.id());
            this.summary = summary;
        }

        private Slot(String line, byte[] src, int from, int to, long offset, int length, long sortKey, String id) {
            this.line = line;
            this.src = src;
            this.from = from;
            this.to = to;
            this.offset = offset;
            this.length = length;
            this.sortKey = sortKey;
            this.id = id;
        }

        long offset() {
            return offset;
        }

        int length() {
            return length;
        }

        long sortKey() {
            return sortKey;
        }

        String id() {
            return id;
        }

        private boolean hasLine() {
            return line != null || src != null;
        }

        private String text() {
            if (line == null && src != null) {
                line = new String(src, from, to - from, StandardCharsets.UTF_8);
            }
            return line;
        }

        /** The same entry at another place in a rewritten snapshot, without parsing its summary. */
        Slot movedTo(long newOffset, int newLength) {
            if (!hasLine()) {
                return new Slot(summary, newOffset, newLength);
            }
            return new Slot(line, src, from, to, newOffset, newLength, sortKey, id);
        }

        /**
         * What retention needs, from the few fields it reads: the line's tabs are found in its bytes and
         * only those fields decoded; the line is neither split nor decoded whole, nor the rest parsed.
         */
        RetentionFacts retentionFacts() {
            if (!hasLine()) {
                return RetentionFacts.of(summary().entry());
            }
            byte[] b = src != null ? src : line.getBytes(StandardCharsets.UTF_8);
            int start = src != null ? from : 0;
            int end = src != null ? to : b.length;
            int[] tabs = new int[FIELDS + 1];
            tabs[0] = start - 1;
            int n = 1;
            for (int i = start; i < end; i++) {
                if (b[i] == '\t') {
                    if (n == FIELDS) {
                        throw new IllegalArgumentException("index line with more than " + FIELDS + " fields");
                    }
                    tabs[n++] = i;
                }
            }
            if (n != FIELDS) {
                throw new IllegalArgumentException("index line with " + n + " fields");
            }
            tabs[FIELDS] = end;
            String outcome = field(b, tabs, 21);
            String verifiedOn = field(b, tabs, 19);
            boolean verified = (outcome != null || verifiedOn != null) && !"FAIL".equals(outcome);
            List<CopyRecord> copies = parseCopies(field(b, tabs, 26));
            String size = field(b, tabs, 13);
            long verifiedAt = outcome == null && verifiedOn == null ? RetentionFacts.NEVER
                    : RetentionFacts.verifiedAt(outcome == null ? null : CheckStatus.valueOf(outcome), verifiedOn);
            return new RetentionFacts(id, field(b, tabs, 7), field(b, tabs, 6), field(b, tabs, 11), sortKey,
                    Boolean.parseBoolean(field(b, tabs, 17)), verified, copies == null ? List.of() : copies,
                    "FAIL".equals(outcome), verifiedAt, size == null ? null : Long.valueOf(size), field(b, tabs, 18));
        }

        /** Field {@code i} of a line whose tabs are at {@code tabs[1..]} ({@code tabs[0]} before its start). */
        private static String field(byte[] b, int[] tabs, int i) {
            int a = tabs[i] + 1;
            int z = tabs[i + 1];
            if (z - a == 2 && b[a] == '\\' && b[a + 1] == 'N') {
                return null;
            }
            return unescape(new String(b, a, z - a, StandardCharsets.UTF_8));
        }

        EntrySummary summary() {
            if (summary == null && !hasLine()) {
                throw new IllegalStateException("the index was read without summaries");
            }
            if (summary == null) {
                summary = parseSummary(text().split("\t", -1));
            }
            return summary;
        }
    }

    /** Identifies one version of the snapshot file; zone because local dates order by it. */
    record Identity(long size, long modifiedNanos, String fileKey, String zone) {
        static Identity of(Path snapshot) throws IOException {
            BasicFileAttributes a = Files.readAttributes(snapshot, BasicFileAttributes.class);
            return new Identity(a.size(), a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                    String.valueOf(a.fileKey()), ZoneId.systemDefault().getId());
        }

        String line() {
            // A StringBuilder, not +: see SnapshotFile#fileIdentity (a cold JVM's first concatenation costs).
            return new StringBuilder(MAGIC).append('\t').append(size).append('\t').append(modifiedNanos).append('\t')
                    .append(escape(fileKey)).append('\t').append(escape(zone)).toString();
        }

        // Written out: a record's generated equals is bootstrapped through method handles on first use,
        // 15-20 ms of a cold CLI's verify or prune for one comparison (issue 15).
        @Override
        public boolean equals(Object o) {
            return o instanceof Identity i && size == i.size && modifiedNanos == i.modifiedNanos
                    && fileKey.equals(i.fileKey) && zone.equals(i.zone);
        }

        @Override
        public int hashCode() {
            return (Long.hashCode(size) * 31 + Long.hashCode(modifiedNanos)) * 31 + fileKey.hashCode();
        }
    }

    /**
     * What the first line says after the identity: whether the snapshot is canonical, how many entry
     * lines follow the header and at which byte the id table ({@link CatalogIdTable}) after them starts.
     */
    record Layout(boolean canonical, int count, long tableStart, long tableCrc) {
        /** The layout if the first line names exactly this snapshot version, else null. */
        static Layout of(String first, Identity identity) {
            String prefix = identity.line() + "\t";
            if (first == null || !first.startsWith(prefix)) {
                return null;
            }
            String[] f = first.substring(prefix.length()).split("\t", -1);
            if (f.length != 4 || !f[0].equals("canonical") && !f[0].equals("as-found")) {
                return null;
            }
            try {
                return new Layout(f[0].equals("canonical"), Integer.parseInt(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3], 16));
            } catch (NumberFormatException e) {
                return null;
            }
        }

        /** The first line; fixed width, so the offsets it names do not depend on their own digits. */
        static String line(Identity identity, boolean canonical, int count, long tableStart, long tableCrc) {
            return identity.line() + (canonical ? "\tcanonical\t" : "\tas-found\t") + String.format("%010d\t%014d\t%08x",
                    count, tableStart, tableCrc);
        }
    }

    /**
     * The snapshot's top-level fields other than its entries, and its entries in file order. Canonical
     * when Lifeboat wrote every entry as it writes them (a compaction may copy them byte for byte);
     * a hand-made snapshot's entries are rewritten once, in Lifeboat's form, by the first compaction.
     */
    record Snapshot(Identity identity, Map<String, Object> header, List<Slot> slots, boolean canonical) {
    }

    /** Newest first; equal instants in manifest order, as {@link Manifest#newestFirst()} has them. */
    static final Comparator<Slot> NEWEST_FIRST = new NewestFirst();

    /** Written out, not composed from lambdas: built when the class loads, in every cold prune (issue 15). */
    private static final class NewestFirst implements Comparator<Slot> {
        @Override
        public int compare(Slot a, Slot b) {
            return a.sortKey() != b.sortKey() ? Long.compare(b.sortKey(), a.sortKey()) : Long.compare(a.offset(), b.offset());
        }
    }

    private CatalogIndex() {
    }

    /**
     * The index if it describes exactly this snapshot version, else null. Without slots it reads only the
     * top-level fields (slots() is then null): what the pending deletes or a staleness check need.
     */
    static Snapshot readIfCurrent(Path indexFile, Identity identity, boolean withSlots) {
        return readIfCurrent(indexFile, identity, withSlots ? Integer.MAX_VALUE : -1);
    }

    /**
     * As above, reading at most {@code maxSlots} entries: the index lists them newest first, so the
     * first lines are the newest backups (a partial read, for "the newest N" and "latest").
     */
    static Snapshot readIfCurrent(Path indexFile, Identity identity, int maxSlots) {
        return readIfCurrent(indexFile, identity, maxSlots, null);
    }

    /** As above, keeping only the entries with this id when {@code onlyId} is given (finding one entry). */
    static Snapshot readIfCurrent(Path indexFile, Identity identity, int maxSlots, String onlyId) {
        return readIfCurrent(indexFile, identity, maxSlots, onlyId, true);
    }

    /** As above; without {@code summaries} the slots keep only place, instant and id (for copying entries out). */
    static Snapshot readIfCurrent(Path indexFile, Identity identity, int maxSlots, String onlyId, boolean summaries) {
        return readIfCurrent(indexFile, identity, maxSlots, onlyId, summaries, () -> Files.readAllBytes(indexFile));
    }

    /** Where the index file's bytes come from (a reader may keep them while the file is unchanged). */
    interface Bytes {
        byte[] read() throws IOException;
    }

    static Snapshot readIfCurrent(Path indexFile, Identity identity, int maxSlots, String onlyId, boolean summaries,
                                  Bytes bytes) {
        if (onlyId != null) {
            Snapshot found = lookUp(indexFile, identity, onlyId, summaries);
            if (found != null) {
                return found;
            }
        }
        // Line by line when only a few lines are wanted; else the whole index in one read, lines found in its bytes.
        if (maxSlots < 0 || onlyId == null && (maxSlots < 10_000 || !summaries)) {
            return readLines(indexFile, identity, maxSlots, summaries);
        }
        try {
            return readBytes(bytes.read(), identity, onlyId, summaries);
        } catch (IOException | RuntimeException e) {
            return null; // missing or damaged: only a slower start, the index is rebuilt from the snapshot
        }
    }

    /** The first lines only: the header, or the newest few entries. */
    private static Snapshot readLines(Path indexFile, Identity identity, int maxSlots, boolean summaries) {
        try (BufferedReader r = Files.newBufferedReader(indexFile, StandardCharsets.UTF_8)) {
            Layout layout = Layout.of(r.readLine(), identity);
            String second = layout == null ? null : r.readLine();
            if (second == null) {
                return null;
            }
            Map<String, Object> header = Json.MAPPER.readValue(second, new TypeReference<LinkedHashMap<String, Object>>() { });
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
    private static Snapshot readBytes(byte[] all, Identity identity, String onlyId, boolean summaries) throws IOException {
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
        Map<String, Object> header = Json.MAPPER.readValue(new String(all, firstEnd + 1, secondEnd - firstEnd - 1,
                StandardCharsets.UTF_8), new TypeReference<LinkedHashMap<String, Object>>() { });
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

    /**
     * Reads a whole snapshot (made by Lifeboat or by hand) in one streaming pass, noting where each
     * entry lies. Throws the parser's exception, with its line and column, when the snapshot is damaged.
     */
    static Snapshot build(byte[] bytes, Identity identity) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        List<Slot> slots = new ArrayList<>();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "the manifest is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken value = p.nextToken();
                if (name.equals("backups") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        long start = p.getTokenLocation().getByteOffset();
                        BackupEntry e = Json.MAPPER.readValue(p, BackupEntry.class);
                        long end = p.getCurrentLocation().getByteOffset();
                        slots.add(new Slot(EntrySummary.of(e), start, (int) (end - start)));
                    }
                    if (p.currentToken() != JsonToken.END_ARRAY) {
                        throw new com.fasterxml.jackson.core.JsonParseException(p, "an entry of \"backups\" is not an object");
                    }
                } else if (!name.equals("backups")) {
                    header.put(name, Json.MAPPER.readValue(p, Object.class));
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "the manifest ends unexpectedly");
            }
        }
        return new Snapshot(identity, header, slots, false);
    }

    /** The index file's text for a snapshot. */
    static byte[] render(Snapshot s) throws IOException {
        byte[] header = (Json.MAPPER.writer().without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(s.header()) + "\n").getBytes(StandardCharsets.UTF_8);
        List<Slot> newestFirst = new ArrayList<>(s.slots());
        newestFirst.sort(NEWEST_FIRST);
        int n = newestFirst.size();
        long start = Layout.line(s.identity(), s.canonical(), n, 0, 0).getBytes(StandardCharsets.UTF_8).length + 1
                + header.length;
        java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream(n * 400 + 16);
        String[] ids = new String[n];
        long[] offsets = new long[n];
        StringBuilder b = new StringBuilder(512);
        for (int i = 0; i < n; i++) {
            b.setLength(0);
            appendLine(b, newestFirst.get(i));
            ids[i] = newestFirst.get(i).id();
            offsets[i] = start + lines.size();
            lines.write(b.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] table = CatalogIdTable.render(ids, offsets);
        byte[] first = (Layout.line(s.identity(), s.canonical(), n, start + lines.size(), CatalogIdTable.crc(table)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream(first.length + header.length + lines.size()
                + n * CatalogIdTable.RECORD);
        all.write(first);
        all.write(header);
        lines.writeTo(all);
        all.write(table);
        return all.toByteArray();
    }

    /** The entries with this id, found through the id table without reading the rest; null when that fails. */
    private static Snapshot lookUp(Path indexFile, Identity identity, String id, boolean summaries) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(indexFile)) {
            java.io.InputStream in = java.nio.channels.Channels.newInputStream(ch);
            BufferedReader r = new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8), 8192);
            Layout layout = Layout.of(r.readLine(), identity);
            String second = layout == null ? null : r.readLine();
            if (second == null) {
                return null;
            }
            Map<String, Object> header = Json.MAPPER.readValue(second, new TypeReference<LinkedHashMap<String, Object>>() { });
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

    private static void appendLine(StringBuilder b, Slot slot) {
        if (slot.hasLine()) {
            String line = slot.text();
            int afterLength = line.indexOf('\t', line.indexOf('\t') + 1);
            b.append(slot.offset()).append('\t').append(slot.length()).append(line, afterLength, line.length())
                    .append('\n');
            return;
        }
        BackupEntry e = slot.summary().entry();
        VerificationRecord v = e.lastVerification();
        Object[] f = {slot.offset(), slot.length(), slot.summary().sortKey(), slot.summary().totalRows(), e.id(),
                e.timestamp(), e.datetime(), e.database(), e.description(), String.join("\u001f", e.tags()),
                e.backupType(), e.file(), e.format(), e.sizeBytes(), e.sizeMb(), e.tableCount(), e.serverVersion(),
                e.pinned(), e.globals() == null ? null : e.globals().file(), v == null ? null : v.datetime(),
                v == null ? null : v.depth(), v == null || v.outcome() == null ? null : v.outcome().name(), e.host(),
                e.port(), e.user(), e.hash(), copies(e)};
        for (int i = 0; i < f.length; i++) {
            if (i > 0) {
                b.append('\t');
            }
            b.append(f[i] == null ? NULL : escape(f[i].toString()));
        }
        b.append('\n');
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
    private static Slot parseLine(String line, boolean keepLine) {
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

    /** Each off-site copy as "destination=state" (what a Copies column and health need), or null for none. */
    private static String copies(BackupEntry e) {
        if (e.copies() == null) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (CopyRecord c : e.copies()) {
            b.append(b.isEmpty() ? "" : "\u001f").append(c.destination() == null ? "" : c.destination().replace("=", "\\="))
                    .append('=').append(c.state() == null ? "" : c.state().name());
        }
        return b.toString();
    }

    private static List<CopyRecord> parseCopies(String text) {
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

    private static EntrySummary parseSummary(String[] f) {
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

    static String escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }

    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
