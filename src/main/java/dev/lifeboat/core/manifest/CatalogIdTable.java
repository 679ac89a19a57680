package dev.lifeboat.core.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The last part of the catalog index: one fixed-width record per entry line, "hash offset\n",
 * sorted by a 64-bit hash of the entry's id, its CRC-32 in the index's first line. Finding one entry
 * by id (a verification, a pin, a delete, a new backup's name) is then one read of the table (32
 * bytes an entry), a binary search and one line, instead of reading and searching the whole index;
 * equal hashes are told apart by the id in the line itself, so a collision costs one more line,
 * never a wrong entry.
 */
final class CatalogIdTable {
    /** 16 hex digits, a space, 14 decimal digits, a newline. */
    static final int RECORD = 32;
    private static final int OFFSET_DIGITS = 14;

    private CatalogIdTable() {
    }

    /** FNV-1a over the id's UTF-8 bytes: stable across JVMs and versions, unlike String.hashCode's spread. */
    static long hash(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The table for entries with these ids whose lines start at these byte offsets of the index file. */
    static byte[] render(String[] ids, long[] lineOffsets) {
        int n = ids.length;
        long[][] records = new long[n][];
        for (int i = 0; i < n; i++) {
            records[i] = new long[] {hash(ids[i]), lineOffsets[i]};
        }
        Arrays.sort(records, (a, b) -> a[0] != b[0] ? Long.compareUnsigned(a[0], b[0]) : Long.compare(a[1], b[1]));
        byte[] out = new byte[n * RECORD];
        for (int i = 0; i < n; i++) {
            int at = i * RECORD;
            String hex = Long.toHexString(records[i][0]);
            Arrays.fill(out, at, at + 16 - hex.length(), (byte) '0');
            hex.getBytes(0, hex.length(), out, at + 16 - hex.length());
            out[at + 16] = ' ';
            String offset = Long.toString(records[i][1]);
            Arrays.fill(out, at + 17, at + 17 + OFFSET_DIGITS - offset.length(), (byte) '0');
            offset.getBytes(0, offset.length(), out, at + 17 + OFFSET_DIGITS - offset.length());
            out[at + RECORD - 1] = '\n';
        }
        return out;
    }

    /** The checksum the index's first line gives for its table. */
    static long crc(byte[] table) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(table);
        return crc.getValue();
    }

    /**
     * The index lines of the entries whose id hashes like {@code id} (usually one, none when the id is not
     * in the index). The table is read whole (32 bytes an entry) and must match its checksum: null when it
     * does not, and the caller reads the whole index instead.
     */
    static List<String> lines(FileChannel ch, CatalogIndex.Layout layout, String id) throws IOException {
        long tableStart = layout.tableStart();
        int count = layout.count();
        if (ch.size() != tableStart + (long) count * RECORD) {
            return null; // cut short or grown: not the table this index was written with
        }
        byte[] table = read(ch, tableStart, count * RECORD);
        if (crc(table) != layout.tableCrc()) {
            return null;
        }
        long h = hash(id);
        int lo = 0;
        int hi = count;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(hashAt(table, mid), h) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        List<String> lines = new ArrayList<>(1);
        for (int i = lo; i < count && hashAt(table, i) == h; i++) {
            long lineStart = Long.parseLong(latin(table, i * RECORD + 17, i * RECORD + 17 + OFFSET_DIGITS));
            lines.add(lineAt(ch, lineStart, tableStart));
        }
        return lines;
    }

    private static long hashAt(byte[] table, int i) {
        return Long.parseUnsignedLong(latin(table, i * RECORD, i * RECORD + 16), 16);
    }

    /** The line starting at {@code start}, which must end before the table does. */
    private static String lineAt(FileChannel ch, long start, long limit) throws IOException {
        int want = 1024;
        while (true) {
            int n = (int) Math.min(want, limit - start);
            if (n <= 0) {
                throw new IOException("an id record points outside the index's entry lines");
            }
            byte[] b = read(ch, start, n);
            for (int i = 0; i < n; i++) {
                if (b[i] == '\n') {
                    return new String(b, 0, i, StandardCharsets.UTF_8);
                }
            }
            if (n < want) {
                throw new IOException("an index line has no end");
            }
            want *= 4;
        }
    }

    private static byte[] read(FileChannel ch, long at, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (ch.read(buf, at + buf.position()) < 0) {
                throw new IOException("the index is shorter than its id table says");
            }
        }
        return buf.array();
    }

    private static String latin(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
