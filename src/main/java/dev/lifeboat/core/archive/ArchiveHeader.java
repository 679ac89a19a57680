package dev.lifeboat.core.archive;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The header of a custom-format archive (pg_dump -Fc) read in-process: format version, the database
 * and versions it came from, and how many entries its table of contents holds (what pg_restore
 * --list prints as "TOC Entries"). A backup reads it from the first bytes of pg_dump's output as
 * they pass, instead of starting pg_restore once more; verification still asks pg_restore.
 * {@link #readWithEntries} also reads the entries, with the dependencies that pg_restore --list
 * does not print. A directory-format archive (pg_dump -Fd) has the same header and entries in its
 * folder's toc.dat, each entry naming its data file where a custom one records an offset.
 *
 * <p>Layout, from pg_dump's {@code WriteHead}/{@code WriteToc}: "PGDMP", version major, minor and
 * revision bytes, int size, offset size, format byte; compression (an int up to 1.14, one
 * algorithm byte from 1.15); seven ints of creation time; the database name; the server's and
 * pg_dump's version strings (from 1.10); then the TOC entry count and the entries. An int is a
 * sign byte followed by {@code intSize} bytes, least significant first; a string is an int length
 * (-1: null) followed by that many bytes.
 */
public record ArchiveHeader(int versionMajor, int versionMinor, int versionRevision, int format,
                            String database, String serverVersion, String pgDumpVersion, int tocEntries) {
    /** The bytes a header needs at most: three names of at most a few hundred bytes, and some ints. */
    public static final int MAX_BYTES = 64 * 1024;
    /** Archive formats whose layout this reader knows: 1.10 (PostgreSQL 8.4) to 1.16 (17). */
    private static final int OLDEST = version(1, 10, 0);
    private static final int NEWEST = version(1, 16, 0);
    private static final int CUSTOM_FORMAT = 1;
    /**
     * pg_dump -Fd: the same header and entries in the folder's toc.dat, each entry naming its data
     * file. pg_dump 15 writes 3 there (seen in its toc.dat); 5 is accepted too, as the tar format's
     * toc.dat also names each entry's file.
     */
    private static final java.util.Set<Integer> FILE_NAMED_FORMATS = java.util.Set.of(3, 5);
    /** Longer than any definition pg_dump writes; a damaged length must not make us read gigabytes. */
    private static final int MAX_STRING = 256 << 20;

    /** A header and the table of contents that follows it. */
    public record Contents(ArchiveHeader header, List<ArchiveEntry> entries) {
    }

    public String version() {
        return versionMajor + "." + versionMinor + "-" + versionRevision;
    }

    /** Reads the header from the start of an archive; empty when it is not one this reader knows. */
    public static Optional<ArchiveHeader> parse(byte[] data, int length) {
        try {
            return Optional.of(new Reader(new ByteArrayInputStream(data, 0, Math.min(length, data.length))).header());
        } catch (IllegalArgumentException | IOException e) {
            return Optional.empty();
        }
    }

    /** Reads the header of an archive file. */
    public static Optional<ArchiveHeader> read(Path archive) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(tocOf(archive))) {
            head = in.readNBytes(MAX_BYTES);
        }
        return parse(head, head.length);
    }

    /** Reads the header and every TOC entry; empty when the file is not an archive this reader knows. */
    public static Optional<Contents> readWithEntries(Path archive) throws IOException {
        try (InputStream in = Files.newInputStream(tocOf(archive))) { // the Reader buffers
            Reader r = new Reader(in);
            ArchiveHeader header = r.header();
            List<ArchiveEntry> entries = new ArrayList<>(Math.min(header.tocEntries(), 10_000));
            for (int i = 0; i < header.tocEntries(); i++) {
                entries.add(r.entry());
            }
            return Optional.of(new Contents(header, List.copyOf(entries)));
        } catch (IllegalArgumentException | EOFException e) {
            return Optional.empty();
        }
    }

    /** The file holding the header: the archive itself, or a directory-format archive's toc.dat. */
    private static Path tocOf(Path archive) {
        return Files.isDirectory(archive) ? archive.resolve("toc.dat") : archive;
    }

    private static int version(int major, int minor, int revision) {
        return (major << 16) | (minor << 8) | revision;
    }

    private static final class Reader {
        private final InputStream in;
        /**
         * Bytes read ahead from {@code in}: the table of contents is read a byte at a time (an int is
         * a sign and 4 or 8 bytes), 600,000 reads for 2,000 tables, mostly in cold code; a plain array
         * costs a fraction of a synchronized BufferedInputStream call each.
         */
        private final byte[] buf = new byte[1 << 16];
        private int pos;
        private int limit;
        private int version;
        private int intSize;
        private int offSize;
        private int format;
        /** What the strings are written in: UTF-8 until the ENCODING entry says otherwise (ArchiveEncoding). */
        private java.nio.charset.Charset charset = StandardCharsets.UTF_8;

        Reader(InputStream in) {
            this.in = in;
        }

        ArchiveHeader header() throws IOException {
            String magic = new String(bytes(5), StandardCharsets.US_ASCII);
            if (!magic.equals("PGDMP")) {
                throw new IllegalArgumentException("not a custom-format archive");
            }
            int major = readByte();
            int minor = readByte();
            int revision = readByte();
            version = version(major, minor, revision);
            if (version < OLDEST || version > NEWEST) {
                throw new IllegalArgumentException("archive format " + major + "." + minor + " not known here");
            }
            intSize = readByte();
            if (intSize < 1 || intSize > 8) {
                throw new IllegalArgumentException("integer size " + intSize);
            }
            offSize = readByte();
            if (offSize < 1 || offSize > 8) {
                throw new IllegalArgumentException("offset size " + offSize);
            }
            format = readByte();
            if (format != CUSTOM_FORMAT && !FILE_NAMED_FORMATS.contains(format)) {
                throw new IllegalArgumentException("format " + format + " is neither the custom nor the directory format");
            }
            if (version >= version(1, 15, 0)) {
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

        /** One TOC entry, as pg_dump's ReadToc reads it (formats 1.10 and later). */
        ArchiveEntry entry() throws IOException {
            int dumpId = readInt();
            if (dumpId <= 0) {
                throw new IllegalArgumentException("entry ID " + dumpId + " out of range");
            }
            boolean hadDumper = readInt() != 0;
            String tableOid = readString();
            String oid = readString();
            String tag = readString();
            String desc = readString();
            if (version >= version(1, 11, 0)) {
                readInt(); // section
            }
            boolean encoding = "ENCODING".equals(desc); // among the first entries: the names after it are in its charset
            boolean keep = ArchiveEntry.KEEP_DEFINITION.contains(desc) || encoding;
            String defn = keep ? readString() : null;
            boolean hasDefinition = keep ? defn != null && !defn.isEmpty() : skipString() > 0;
            if (encoding) {
                charset = ArchiveEncoding.of(defn);
                defn = null; // kept for the charset only
            }
            skipString(); // drop statement
            skipString(); // COPY statement
            String namespace = readString();
            skipString(); // tablespace
            if (version >= version(1, 14, 0)) {
                skipString(); // table access method
            }
            if (version >= version(1, 16, 0)) {
                readInt(); // relkind
            }
            String owner = readString();
            skipString(); // "false": tables WITH OIDS are no more
            List<Integer> deps = new ArrayList<>();
            for (String d = readString(); d != null; d = readString()) {
                deps.add(Integer.parseInt(d.strip()));
            }
            if (FILE_NAMED_FORMATS.contains(format)) {
                readString(); // the entry's data file in the folder
            } else {
                readByte(); // data offset: a flag byte...
                bytes(offSize); // ...and the offset
            }
            return new ArchiveEntry(dumpId, hadDumper, tableOid, oid, tag, desc, namespace, owner,
                    hasDefinition, List.copyOf(deps), defn);
        }

        private int readByte() throws IOException {
            if (pos == limit && !fill()) {
                throw new EOFException("archive cut short");
            }
            return buf[pos++] & 0xff;
        }

        /** Reads more into the buffer; false at the end of the stream. */
        private boolean fill() throws IOException {
            pos = 0;
            limit = Math.max(0, in.read(buf, 0, buf.length));
            return limit > 0;
        }

        private byte[] bytes(int n) throws IOException {
            if (n < 0) {
                throw new IllegalArgumentException("negative length");
            }
            if (n <= limit - pos) {
                byte[] b = Arrays.copyOfRange(buf, pos, pos + n);
                pos += n;
                return b;
            }
            // longer than what is buffered: grown as it is read, so a damaged length allocates no more than the file holds
            ByteArrayOutputStream b = new ByteArrayOutputStream(Math.min(n, buf.length));
            for (int left = n; left > 0; ) {
                if (pos == limit && !fill()) {
                    throw new EOFException("archive cut short");
                }
                int k = Math.min(left, limit - pos);
                b.write(buf, pos, k);
                pos += k;
                left -= k;
            }
            return b.toByteArray();
        }

        /** Passes over a string this reader does not keep; its length (-1: null). */
        private int skipString() throws IOException {
            int n = readInt();
            if (n > MAX_STRING) {
                throw new IllegalArgumentException("a string of " + n + " bytes: the archive is damaged");
            }
            for (int left = n; left > 0; ) {
                if (pos == limit && !fill()) {
                    throw new EOFException("archive cut short");
                }
                int k = Math.min(left, limit - pos);
                pos += k;
                left -= k;
            }
            return n;
        }

        private int readInt() throws IOException {
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

        private String readString() throws IOException {
            int n = readInt();
            if (n > MAX_STRING) {
                throw new IllegalArgumentException("a string of " + n + " bytes: the archive is damaged");
            }
            return n < 0 ? null : new String(bytes(n), charset);
        }
    }
}
