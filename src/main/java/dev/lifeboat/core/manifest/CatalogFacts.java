package dev.lifeboat.core.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private static final List<CopyRecord> NO_COPIES = List.of();

    private CatalogFacts() {
    }

    /** The file's bytes; {@code snapshot} and {@code index} name the versions the facts were derived from. */
    static byte[] render(FactsColumns c, String snapshot, String index) {
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
     * The file's bytes, read in runs of 256 KB into one array: {@code Files.readAllBytes} reads through a
     * temporary direct buffer of the whole size (4.6 MB at 35,000 entries), allocated and zeroed for the one
     * read, which cost a cold prune about twice the time of this (issue 15, decision 007's seventh round).
     */
    static byte[] readBytes(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size > Integer.MAX_VALUE - 16) {
                throw new IOException("the retention facts " + file + " are too large (" + size + " bytes)");
            }
            byte[] bytes = new byte[(int) size];
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.position() < bytes.length) {
                buf.limit(Math.min(bytes.length, buf.position() + (256 << 10)));
                if (ch.read(buf) < 0) {
                    return Arrays.copyOf(bytes, buf.position()); // cut meanwhile: its checksum will not match
                }
            }
            return bytes;
        }
    }

    /**
     * The facts, if the file was derived from exactly these versions of snapshot and index and matches
     * its checksum; else null (rebuilt by the caller). Never throws on damage.
     */
    static FactsColumns read(byte[] bytes, String snapshot, String index) {
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
            // In runs of 32 records, each run a method call: the caller's loop runs interpreted in a cold JVM,
            // a method called a hundred times is compiled (issue 15, decision 007's seventh round).
            for (int i = 0; i < n; i += 32) {
                readFacts(in, databases, facts, positions, idHashes, i, Math.min(n, i + 32));
            }
            return bytes.length - in.at == 8 ? new FactsColumns(facts, positions, idHashes, in.withCopies) : null;
        } catch (RuntimeException e) {
            return null; // cut short or otherwise damaged although the checksum matched: rebuilt, never trusted
        }
    }

    /** The records {@code from} to {@code to} (exclusive). */
    private static void readFacts(In in, String[] databases, RetentionFacts[] facts, long[] positions, int[] idHashes,
                                  int from, int to) {
        for (int i = from; i < to; i++) {
            facts[i] = readFact(in, databases, positions, idHashes, i);
        }
    }

    /**
     * One record, in a method of its own: a loop over 35,000 records runs interpreted in a cold JVM, a
     * method called 35,000 times is compiled after a few hundred calls (issue 15, decision 007). Its four
     * strings are skipped, decoded by the facts only when asked for (most never are).
     */
    private static RetentionFacts readFact(In in, String[] databases, long[] positions, int[] idHashes, int i) {
        byte[] b = in.b;
        int at = in.at;
        // The fixed fields read in place, not through In's methods: until the JIT has compiled this method every
        // call costs, and before C2 inlines them each is a call even then (issue 15, decision 007's seventh round).
        long sortKey = int64(b, at);
        positions[i] = int64(b, at + 8);
        int flags = b[at + 16];
        int db = int32(b, at + 17);
        int idHash = int32(b, at + 21);
        idHashes[i] = idHash;
        long verifiedAt = int64(b, at + 25);
        long size = int64(b, at + 33);
        int strings = at + 41;
        at = strings;
        for (int k = 0; k < 4; k++) { // id, date, file, roles file: skipped, decoded by the facts when asked for
            int n = int32(b, at);
            if (n > b.length - at - 4) {
                throw new IndexOutOfBoundsException("a string past the end");
            }
            at += 4 + Math.max(n, 0);
        }
        int copyCount = int32(b, at);
        in.at = at + 4;
        List<CopyRecord> copies = copyCount == 0 ? NO_COPIES : new ArrayList<>(copyCount);
        for (int j = 0; j < copyCount; j++) {
            String destination = in.string();
            int state = b[in.at++];
            copies.add(new CopyRecord(destination, null, null, null, null, null, state < 0 ? null : STATES[state], null));
        }
        in.withCopies += copyCount == 0 ? 0 : 1;
        return new RetentionFacts(b, strings, idHash, db < 0 ? null : databases[db], sortKey,
                (flags & PINNED) != 0, (flags & VERIFIED) != 0, copies, (flags & FAILED) != 0, verifiedAt,
                size, size != NO_SIZE);
    }

    /**
     * A big-endian long at {@code at} in one call: a cold JVM's interpreter, and C1 (which inlines only methods
     * under 35 bytes of bytecode), pay a call per read, and a record has four longs (issue 15).
     */
    private static long int64(byte[] b, int at) {
        return (long) b[at] << 56 | (b[at + 1] & 0xffL) << 48 | (b[at + 2] & 0xffL) << 40 | (b[at + 3] & 0xffL) << 32
                | (b[at + 4] & 0xffL) << 24 | (b[at + 5] & 0xffL) << 16 | (b[at + 6] & 0xffL) << 8 | b[at + 7] & 0xffL;
    }

    /** A big-endian int at {@code at}. */
    private static int int32(byte[] b, int at) {
        return b[at] << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | b[at + 3] & 0xff;
    }

    /** Big-endian numbers and length-prefixed UTF-8 strings (as {@link ByteBuffer} wrote them) from an array. */
    private static final class In {
        private final byte[] b;
        private int at;
        /** Records read with at least one off-site copy. */
        private int withCopies;

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
