package dev.lifeboat.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The header of a custom-format archive (pg_dump -Fc) read in-process: format version, the database
 * and versions it came from, and how many entries its table of contents holds (what pg_restore
 * --list prints as "TOC Entries"). A backup reads it from the first bytes of pg_dump's output as
 * they pass, instead of starting pg_restore once more; verification still asks pg_restore.
 *
 * <p>Layout, from pg_dump's {@code WriteHead}/{@code WriteToc}: "PGDMP", version major, minor and
 * revision bytes, int size, offset size, format byte; compression (an int up to 1.14, one
 * algorithm byte from 1.15); seven ints of creation time; the database name; the server's and
 * pg_dump's version strings (from 1.10); then the TOC entry count. An int is a sign byte followed
 * by {@code intSize} bytes, least significant first; a string is an int length (-1: null) followed
 * by that many bytes.
 */
public record ArchiveHeader(int versionMajor, int versionMinor, int versionRevision, int format,
                            String database, String serverVersion, String pgDumpVersion, int tocEntries) {
    /** The bytes a header needs at most: three names of at most a few hundred bytes, and some ints. */
    public static final int MAX_BYTES = 64 * 1024;
    /** Archive formats whose header layout this reader knows: 1.10 (PostgreSQL 8.4) to 1.16 (17). */
    private static final int OLDEST = version(1, 10, 0);
    private static final int NEWEST = version(1, 16, 0);
    private static final int CUSTOM_FORMAT = 1;

    public String version() {
        return versionMajor + "." + versionMinor + "-" + versionRevision;
    }

    /** Reads the header from the start of an archive; empty when it is not one this reader knows. */
    public static Optional<ArchiveHeader> parse(byte[] data, int length) {
        try {
            return Optional.of(new Reader(data, Math.min(length, data.length)).header());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Reads the header of an archive file. */
    public static Optional<ArchiveHeader> read(Path archive) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(archive)) {
            head = in.readNBytes(MAX_BYTES);
        }
        return parse(head, head.length);
    }

    private static int version(int major, int minor, int revision) {
        return (major << 16) | (minor << 8) | revision;
    }

    private static final class Reader {
        private final byte[] data;
        private final int length;
        private int pos;
        private int intSize;

        Reader(byte[] data, int length) {
            this.data = data;
            this.length = length;
        }

        ArchiveHeader header() {
            String magic = new String(bytes(5), StandardCharsets.US_ASCII);
            if (!magic.equals("PGDMP")) {
                throw new IllegalArgumentException("not a custom-format archive");
            }
            int major = readByte();
            int minor = readByte();
            int revision = readByte();
            int v = version(major, minor, revision);
            if (v < OLDEST || v > NEWEST) {
                throw new IllegalArgumentException("archive format " + major + "." + minor + " not known here");
            }
            intSize = readByte();
            if (intSize < 1 || intSize > 8) {
                throw new IllegalArgumentException("integer size " + intSize);
            }
            readByte(); // offset size
            int format = readByte();
            if (format != CUSTOM_FORMAT) {
                throw new IllegalArgumentException("format " + format + " is not the custom format");
            }
            if (v >= version(1, 15, 0)) {
                readByte(); // compression algorithm
            } else {
                readInt(); // compression level
            }
            for (int i = 0; i < 7; i++) {
                readInt(); // creation time: sec, min, hour, mday, mon, year, isdst
            }
            String database = readString();
            String server = readString();
            String pgDump = readString();
            int toc = readInt();
            if (toc < 0) {
                throw new IllegalArgumentException("negative TOC count");
            }
            return new ArchiveHeader(major, minor, revision, format, database, server, pgDump, toc);
        }

        private int readByte() {
            if (pos >= length) {
                throw new IllegalArgumentException("header cut short");
            }
            return data[pos++] & 0xff;
        }

        private byte[] bytes(int n) {
            if (n < 0 || pos + n > length) {
                throw new IllegalArgumentException("header cut short");
            }
            byte[] b = new byte[n];
            System.arraycopy(data, pos, b, 0, n);
            pos += n;
            return b;
        }

        private int readInt() {
            boolean negative = readByte() != 0;
            long value = 0;
            for (int i = 0; i < intSize; i++) {
                value |= ((long) readByte()) << (8 * i);
            }
            if (value > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("integer out of range");
            }
            return negative ? (int) -value : (int) value;
        }

        private String readString() {
            int n = readInt();
            return n < 0 ? null : new String(bytes(n), StandardCharsets.UTF_8);
        }
    }
}
