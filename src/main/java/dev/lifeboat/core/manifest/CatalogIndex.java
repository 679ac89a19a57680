package dev.lifeboat.core.manifest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.ZoneId;
import java.util.Comparator;
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
    static final String NULL = "\\N";
    static final int FIELDS = 27;

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

        Slot(String line, byte[] src, int from, int to, long offset, int length, long sortKey, String id) {
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

        boolean hasLine() {
            return line != null || src != null;
        }

        String text() {
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
            List<CopyRecord> copies = CatalogIndexReading.parseCopies(field(b, tabs, 26));
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
                summary = CatalogIndexReading.parseSummary(text().split("\t", -1));
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
            Snapshot found = CatalogIndexReading.lookUp(indexFile, identity, onlyId, summaries);
            if (found != null) {
                return found;
            }
        }
        // Line by line when only a few lines are wanted; else the whole index in one read, lines found in its bytes.
        if (maxSlots < 0 || onlyId == null && (maxSlots < 10_000 || !summaries)) {
            return CatalogIndexReading.readLines(indexFile, identity, maxSlots, summaries);
        }
        try {
            return CatalogIndexReading.readBytes(bytes.read(), identity, onlyId, summaries);
        } catch (IOException | RuntimeException e) {
            return null; // missing or damaged: only a slower start, the index is rebuilt from the snapshot
        }
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
