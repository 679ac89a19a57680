package dev.lifeboat.core.manifest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * The retention facts of every snapshot entry in a compact binary file beside the index (decision
 * 007), so a prune or a health check reads one small file instead of scanning the text index: newest
 * first, each entry's manifest position, instant, flags, database, when last verified, size, the
 * three strings a decision names and the roles file. It
 * names the snapshot version and the index file it was derived from and ends in a CRC-32: a stale,
 * cut or damaged file is never used, only rebuilt from the index. Derived data: deleting it is safe.
 */
final class CatalogFacts {
    /**
     * Each format its own file (as the index's, decision 007's third round): an older Lifeboat keeps using
     * and rewriting {@code .backup_manifest.facts-2}, and neither rebuilds the other's on every command.
     */
    static final String FILE_NAME = ".backup_manifest.facts-3";
    // "LBFACTS" and the format: 2 added each id's hash; 3 what the health check needs (failed, when last
    // verified, size, roles file), so it reads no summary either.
    private static final long MAGIC = 0x4c42464143545303L;
    private static final int PINNED = 1;
    private static final int VERIFIED = 2;
    private static final int FAILED = 4;
    /** A size the entry does not give. */
    private static final long NO_SIZE = Long.MIN_VALUE;
    private static final CopyState[] STATES = CopyState.values();
    /** Manifest positions of entries the journal added: after every snapshot offset, in the order added. */
    private static final long APPENDED = Long.MAX_VALUE / 2;

    /**
     * Facts newest first (ties in manifest order), each one's manifest position and its id's
     * {@link String#hashCode}, for merging the journal: an id the journal touches is looked for by its hash
     * first, so the merge neither hashes nor compares 35,000 ids (issue 15).
     */
    record Columns(List<RetentionFacts> facts, long[] positions, int[] idHashes) {
        /** From index slots (any order). */
        static Columns of(List<CatalogIndex.Slot> slots) {
            List<CatalogIndex.Slot> sorted = new ArrayList<>(slots);
            sorted.sort(CatalogIndex.NEWEST_FIRST); // one pass when read from the index; a rebuilt one is in file order
            List<RetentionFacts> facts = new ArrayList<>(sorted.size());
            long[] positions = new long[sorted.size()];
            int[] idHashes = new int[sorted.size()];
            for (int i = 0; i < positions.length; i++) {
                RetentionFacts f = sorted.get(i).retentionFacts();
                facts.add(f);
                positions[i] = sorted.get(i).offset();
                idHashes[i] = hash(f.id());
            }
            return new Columns(facts, positions, idHashes);
        }

        /**
         * The facts after the journal's changes, as {@link CatalogState} applies them: a put of an id the
         * snapshot holds replaces it in its place, a new id goes after every snapshot entry, a remove drops
         * every entry with that id. Only the few ids the journal touches are looked at, then one merge.
         */
        List<RetentionFacts> withJournal(CatalogJournal.Read journal) {
            Set<String> touched = new HashSet<>();
            for (List<JournalChange> line : journal.lines()) {
                for (JournalChange c : line) {
                    if (JournalChange.PUT.equals(c.op())) {
                        touched.add(c.entry().effectiveId());
                    } else if (JournalChange.REMOVE.equals(c.op())) {
                        touched.add(c.id());
                    }
                }
            }
            if (touched.isEmpty()) {
                return facts;
            }
            // Which facts the journal touches: by the stored hash first (one array load each), then, for the
            // few whose hash may match, by id.
            boolean[] mayBeTouched = new boolean[1024];
            for (String id : touched) {
                mayBeTouched[hash(id) & 1023] = true;
            }
            boolean[] isTouched = new boolean[facts.size()];
            Set<String> inSnapshot = new HashSet<>();
            int goneCount = 0;
            for (int i = 0; i < isTouched.length; i++) {
                if (mayBeTouched[idHashes[i] & 1023] && touched.contains(facts.get(i).id())) {
                    goneCount++;
                    isTouched[i] = true;
                    inSnapshot.add(facts.get(i).id());
                }
            }
            record Change(BackupEntry entry, boolean inPlace, long seq) {
            }
            Map<String, Change> changes = new HashMap<>();
            long seq = 0;
            for (List<JournalChange> line : journal.lines()) {
                for (JournalChange c : line) {
                    if (JournalChange.PUT.equals(c.op())) {
                        String id = c.entry().effectiveId();
                        Change now = changes.get(id);
                        boolean present = now == null ? inSnapshot.contains(id) : now.entry() != null;
                        changes.put(id, !present ? new Change(c.entry(), false, seq++)
                                : now == null ? new Change(c.entry(), true, -1) : new Change(c.entry(), now.inPlace(), now.seq()));
                    } else if (JournalChange.REMOVE.equals(c.op())) {
                        changes.put(c.id(), new Change(null, false, -1));
                    }
                }
            }
            // Every touched fact leaves its place; the journal's version, if any, is merged in as an extra.
            List<RetentionFacts> extra = new ArrayList<>();
            List<Long> extraAt = new ArrayList<>();
            int[] gone = new int[goneCount];
            int g = 0;
            for (int i = 0; i < isTouched.length; i++) {
                if (isTouched[i]) {
                    gone[g++] = i;
                    Change c = changes.get(facts.get(i).id());
                    if (c.entry() != null && c.inPlace()) {
                        extra.add(RetentionFacts.of(c.entry()));
                        extraAt.add(positions[i]);
                    }
                }
            }
            for (Change c : changes.values()) {
                if (c.entry() != null && !c.inPlace()) {
                    extra.add(RetentionFacts.of(c.entry()));
                    extraAt.add(APPENDED + c.seq());
                }
            }
            // The few changed entries in order by insertion, not Arrays.sort with a lambda: no bootstrap
            // in a cold JVM for a handful of elements (issue 15).
            int[] order = new int[extra.size()];
            for (int i = 0; i < order.length; i++) {
                int j = i;
                while (j > 0 && before(extra.get(order[j - 1]).sortKey(), extraAt.get(order[j - 1]),
                        extra.get(i).sortKey(), extraAt.get(i)) > 0) {
                    order[j] = order[j - 1];
                    j--;
                }
                order[j] = i;
            }
            // The untouched facts are copied in runs (between the touched ones and where an extra goes), not
            // one by one: 35,000 element-wise steps cost tens of ms before the JIT compiles the loop.
            Merge m = new Merge(facts, gone, facts.size() + extra.size());
            for (int x : order) {
                m.copyTo(insertionPoint(extra.get(x).sortKey(), extraAt.get(x)));
                m.merged.add(extra.get(x));
            }
            m.copyTo(facts.size());
            return m.merged;
        }

        /** The first place whose fact comes after (key, at): facts are in {@link #before} order. */
        private int insertionPoint(long key, long at) {
            int lo = 0;
            int hi = facts.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (before(facts.get(mid).sortKey(), positions[mid], key, at) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }

        private static int hash(String id) {
            return id == null ? 0 : id.hashCode();
        }

        /** Newest first, then manifest order, as {@link CatalogIndex#NEWEST_FIRST}. */
        private static int before(long keyA, long atA, long keyB, long atB) {
            return keyA != keyB ? Long.compare(keyB, keyA) : Long.compare(atA, atB);
        }
    }

    /** Copies runs of the facts, leaving out the ones at {@code gone} (ascending). */
    private static final class Merge {
        private final List<RetentionFacts> facts;
        private final int[] gone;
        private final List<RetentionFacts> merged;
        private int from;
        private int g;

        Merge(List<RetentionFacts> facts, int[] gone, int size) {
            this.facts = facts;
            this.gone = gone;
            this.merged = new ArrayList<>(size);
        }

        void copyTo(int to) {
            while (g < gone.length && gone[g] < to) {
                merged.addAll(facts.subList(from, gone[g]));
                from = gone[g++] + 1;
            }
            merged.addAll(facts.subList(from, to));
            from = to;
        }
    }

    private CatalogFacts() {
    }

    /** The file's bytes; {@code snapshot} and {@code index} name the versions the facts were derived from. */
    static byte[] render(Columns c, String snapshot, String index) {
        List<RetentionFacts> facts = c.facts();
        Map<String, Integer> databases = new HashMap<>();
        List<String> dbNames = new ArrayList<>();
        for (RetentionFacts f : facts) {
            if (f.database() != null && databases.putIfAbsent(f.database(), dbNames.size()) == null) {
                dbNames.add(f.database());
            }
        }
        Out out = new Out(64 + facts.size() * 96);
        out.ensure(8);
        out.buf.putLong(MAGIC);
        out.string(snapshot);
        out.string(index);
        out.ensure(4);
        out.buf.putInt(dbNames.size());
        dbNames.forEach(out::string);
        out.ensure(4);
        out.buf.putInt(facts.size());
        for (int i = 0; i < facts.size(); i++) {
            RetentionFacts f = facts.get(i);
            out.ensure(80);
            out.buf.putLong(f.sortKey()).putLong(c.positions()[i])
                    .put((byte) ((f.pinned() ? PINNED : 0) | (f.verified() ? VERIFIED : 0) | (f.failed() ? FAILED : 0)))
                    .putInt(f.database() == null ? -1 : databases.get(f.database())).putInt(c.idHashes()[i])
                    .putLong(f.verifiedAt()).putLong(f.sizeBytes() == null ? NO_SIZE : f.sizeBytes());
            out.string(f.id());
            out.string(f.datetime());
            out.string(f.file());
            out.string(f.rolesFile());
            out.ensure(4);
            out.buf.putInt(f.copies().size());
            for (CopyRecord r : f.copies()) {
                out.string(r.destination());
                out.ensure(1);
                out.buf.put((byte) (r.state() == null ? -1 : r.state().ordinal()));
            }
        }
        CRC32 crc = new CRC32();
        crc.update(out.buf.array(), 0, out.buf.position());
        out.ensure(8);
        out.buf.putLong(crc.getValue());
        return Arrays.copyOf(out.buf.array(), out.buf.position());
    }

    /**
     * The facts, if the file was derived from exactly these versions of snapshot and index and matches
     * its checksum; else null (rebuilt by the caller). Never throws on damage.
     */
    static Columns read(byte[] bytes, String snapshot, String index) {
        try {
            if (bytes.length < 16) {
                return null;
            }
            // Decoded straight from the array (no ByteBuffer, no streams): a prune runs this once in a cold
            // JVM, where every call not yet compiled costs (issue 15, decision 007's fifth round).
            In in = new In(bytes);
            if (in.longValue() != MAGIC || !snapshot.equals(in.string()) || !index.equals(in.string())) {
                return null;
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, bytes.length - 8);
            if (crc.getValue() != new In(bytes, bytes.length - 8).longValue()) {
                return null;
            }
            String[] databases = new String[in.intValue()];
            for (int i = 0; i < databases.length; i++) {
                databases[i] = in.string();
            }
            int n = in.intValue();
            RetentionFacts[] facts = new RetentionFacts[n];
            long[] positions = new long[n];
            int[] idHashes = new int[n];
            for (int i = 0; i < n; i++) {
                facts[i] = readFact(in, databases, positions, idHashes, i);
            }
            return bytes.length - in.at == 8 ? new Columns(Arrays.asList(facts), positions, idHashes) : null;
        } catch (RuntimeException e) {
            return null; // cut short or otherwise damaged although the checksum matched: rebuilt, never trusted
        }
    }

    /**
     * One record, in a method of its own: a loop over 35,000 records runs interpreted in a cold JVM, a
     * method called 35,000 times is compiled after a few hundred calls (issue 15, decision 007).
     */
    private static RetentionFacts readFact(In in, String[] databases, long[] positions, int[] idHashes, int i) {
        byte[] bytes = in.b;
        long sortKey = in.longValue();
        positions[i] = in.longValue();
        int flags = bytes[in.at++];
        int db = in.intValue();
        idHashes[i] = in.intValue();
        long verifiedAt = in.longValue();
        long size = in.longValue();
        String id = in.string();
        String datetime = in.string();
        String file = in.string();
        String rolesFile = in.string();
        int copyCount = in.intValue();
        List<CopyRecord> copies = copyCount == 0 ? List.of() : new ArrayList<>(copyCount);
        for (int j = 0; j < copyCount; j++) {
            String destination = in.string();
            int state = bytes[in.at++];
            copies.add(new CopyRecord(destination, null, null, null, null, null, state < 0 ? null : STATES[state], null));
        }
        return new RetentionFacts(id, db < 0 ? null : databases[db], datetime, file, sortKey,
                (flags & PINNED) != 0, (flags & VERIFIED) != 0, copies, (flags & FAILED) != 0, verifiedAt,
                size == NO_SIZE ? null : size, rolesFile);
    }

    /** Big-endian numbers and length-prefixed UTF-8 strings (as {@link ByteBuffer} wrote them) from an array. */
    private static final class In {
        private final byte[] b;
        private int at;

        In(byte[] b) {
            this(b, 0);
        }

        In(byte[] b, int at) {
            this.b = b;
            this.at = at;
        }

        int intValue() {
            int v = (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
            at += 4;
            return v;
        }

        long longValue() {
            long high = intValue();
            return high << 32 | intValue() & 0xffffffffL;
        }

        String string() {
            int n = intValue();
            if (n < 0) {
                return null;
            }
            if (n > b.length - at) {
                throw new IndexOutOfBoundsException("a string past the end");
            }
            String s = new String(b, at, n, StandardCharsets.UTF_8);
            at += n;
            return s;
        }
    }

    /** A growing buffer. */
    private static final class Out {
        private ByteBuffer buf;

        Out(int size) {
            buf = ByteBuffer.allocate(size);
        }

        void ensure(int more) {
            if (buf.remaining() < more) {
                buf = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + more)).put(buf.flip());
            }
        }

        void string(String s) {
            byte[] bytes = s == null ? null : s.getBytes(StandardCharsets.UTF_8);
            ensure(4 + (bytes == null ? 0 : bytes.length));
            buf.putInt(bytes == null ? -1 : bytes.length);
            if (bytes != null) {
                buf.put(bytes);
            }
        }
    }
}
