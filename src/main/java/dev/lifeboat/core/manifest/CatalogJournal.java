package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The append-only journal beside the manifest snapshot: one line per committed change, a JSON array
 * of {@link JournalChange}s written with a single write and made durable before the change counts.
 * A kill -9 during an append can only leave a last line without its newline: that change never
 * committed, readers ignore it and the next writer cuts it off. A complete line that does not parse
 * is damage, reported and never cut.
 */
final class CatalogJournal {
    static final String FILE_NAME = "backup_manifest.journal";
    /** Built on first use: resolving it costs a cold JVM 15-20 ms, and reading one entry may bind no line. */
    private static final class Reader {
        private static final ObjectReader READER = Json.MAPPER.readerFor(new TypeReference<List<JournalChange>>() { });
    }

    /**
     * The committed lines from an offset on, where they end, and the file's size (larger when a tail is
     * torn). Every line's JSON was checked when read (a damaged line is reported at once); lines are bound
     * to changes only when asked: all of them ({@link #lines}), or only those that can name one entry
     * ({@link #linesFor}), so finding one backup does not parse hundreds of whole entries (issue 15).
     */
    static final class Read {
        private final Path file;
        private final byte[] bytes;
        /** Start and end (exclusive, before the newline) of each committed line in {@code bytes}. */
        private final int[] starts;
        private final int[] ends;
        private final long from;
        private final long committedEnd;
        private final long size;
        private List<List<JournalChange>> lines;

        private Read(Path file, byte[] bytes, int[] starts, int[] ends, long from, long committedEnd, long size) {
            this.file = file;
            this.bytes = bytes;
            this.starts = starts;
            this.ends = ends;
            this.from = from;
            this.committedEnd = committedEnd;
            this.size = size;
        }

        /** Every committed line's changes. */
        List<List<JournalChange>> lines() {
            if (lines == null) {
                List<List<JournalChange>> all = new ArrayList<>(starts.length);
                for (int i = 0; i < starts.length; i++) {
                    all.add(parse(i));
                }
                lines = all;
            }
            return lines;
        }

        /**
         * The lines that can change the entry with this id, in order: those whose bytes hold the id as JSON
         * writes it (an entry without an id is known by its timestamp or file name, which then hold it too),
         * and any line with a backslash-u escape, which could spell it otherwise. Lines of other entries are skipped.
         */
        List<List<JournalChange>> linesFor(String id) {
            boolean plain = !id.isEmpty();
            for (int i = 0; i < id.length() && plain; i++) { // a loop, not a stream: see CatalogState's constructor
                char c = id.charAt(i);
                plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/';
            }
            if (lines != null || !plain) {
                return lines(); // parsed already, or an id JSON may escape in more than one way
            }
            byte[] needle = new String(JsonStringEncoder.getInstance().quoteAsString(id)).getBytes(StandardCharsets.UTF_8);
            List<List<JournalChange>> found = new ArrayList<>();
            for (int i = 0; i < starts.length; i++) {
                if (contains(bytes, starts[i], ends[i], needle) || contains(bytes, starts[i], ends[i], UNICODE_ESCAPE)) {
                    found.add(parse(i));
                }
            }
            return found;
        }

        /**
         * The lines that can change the pending deletes, in order: those holding {@code "pending"} (a remove's
         * files and a pending change are written under that name) or a backslash-u escape, which could spell it.
         */
        List<List<JournalChange>> linesForPending() {
            if (lines != null) {
                return lines;
            }
            List<List<JournalChange>> found = new ArrayList<>();
            for (int i = 0; i < starts.length; i++) {
                if (contains(bytes, starts[i], ends[i], PENDING) || contains(bytes, starts[i], ends[i], UNICODE_ESCAPE)) {
                    found.add(parse(i));
                }
            }
            return found;
        }

        boolean isEmpty() {
            return starts.length == 0;
        }

        long from() {
            return from;
        }

        long committedEnd() {
            return committedEnd;
        }

        long size() {
            return size;
        }

        int changeCount() {
            return starts.length;
        }

        private List<JournalChange> parse(int i) {
            try {
                List<JournalChange> simple = JournalLineReading.simple(bytes, starts[i], ends[i] - starts[i]);
                return simple != null ? simple : Reader.READER.readValue(bytes, starts[i], ends[i] - starts[i]);
            } catch (IOException e) {
                throw damaged(file, from, i + 1, e);
            }
        }
    }

    private static final byte[] UNICODE_ESCAPE = {'\\', 'u'};
    private static final byte[] PENDING = "\"pending\"".getBytes(StandardCharsets.US_ASCII);

    private static boolean contains(byte[] b, int from, int to, byte[] needle) {
        if (needle.length == 0) {
            return true;
        }
        byte first = needle[0];
        for (int i = from, last = to - needle.length; i <= last; i++) {
            if (b[i] != first) {
                continue;
            }
            int k = 1;
            while (k < needle.length && b[i + k] == needle[k]) {
                k++;
            }
            if (k == needle.length) {
                return true;
            }
        }
        return false;
    }

    /**
     * Per journal file, the complete lines this process last found to be JSON (their bytes, and where each
     * ends). A prune reads the journal five or six times; a line whose bytes are the very bytes checked before
     * is neither parsed nor searched for its end again (a byte loop a cold JVM runs interpreted: ~1 ms per
     * read of a 10 KB journal). Nothing about the file is trusted (no size or time): only identical bytes count.
     */
    private static final Map<Path, Checked> CHECKED = new ConcurrentHashMap<>();

    private record Checked(byte[] bytes, int[] ends) {
    }

    private CatalogJournal() {
    }

    static Read read(Path file, long from) {
        byte[] bytes;
        long size;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            size = ch.size();
            if (from > size) {
                from = 0; // the journal was emptied by a compaction since the caller last looked
            }
            ByteBuffer buf = ByteBuffer.allocate((int) (size - from));
            while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
                // keep reading until the size seen at open is read
            }
            bytes = buf.array();
            size = from + buf.position();
        } catch (NoSuchFileException e) {
            return new Read(file, new byte[0], new int[0], new int[0], 0, 0, 0);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the manifest journal " + file + ": "
                    + e.getMessage() + ". Check that the backup folder is readable.", e);
        }
        // Each complete line is checked to be JSON (tokens only, no entry built): damage is reported on every
        // read, while binding lines to changes waits until someone needs them.
        List<int[]> ranges = new ArrayList<>();
        int start = 0;
        Checked checked = from == 0 ? CHECKED.get(file) : null;
        int alreadyChecked = checked == null ? 0 : sameAsChecked(checked.bytes(), bytes);
        for (int k = 0; checked != null && k < checked.ends().length && checked.ends()[k] < alreadyChecked; k++) {
            ranges.add(new int[] {start, checked.ends()[k]}); // the same bytes up to and with its newline
            start = checked.ends()[k] + 1;
        }
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            try {
                if (i >= alreadyChecked) {
                    checkJson(bytes, start, i - start);
                }
            } catch (IOException e) {
                throw damaged(file, from, ranges.size() + 1, e);
            }
            ranges.add(new int[] {start, i});
            start = i + 1;
        }
        int[] starts = new int[ranges.size()];
        int[] ends = new int[ranges.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = ranges.get(i)[0];
            ends[i] = ranges.get(i)[1];
        }
        if (from == 0) {
            CHECKED.put(file, new Checked(Arrays.copyOf(bytes, start), ends));
        }
        return new Read(file, bytes, starts, ends, from, from + start, size);
    }

    /** How many leading bytes are those of lines checked before (a line ending before that is not parsed again). */
    private static int sameAsChecked(byte[] checked, byte[] bytes) {
        int n = Math.min(checked.length, bytes.length);
        int differ = Arrays.mismatch(bytes, 0, n, checked, 0, n);
        return differ < 0 ? n : differ;
    }

    /** Throws unless the bytes are exactly one JSON array (a journal line's shape). */
    private static void checkJson(byte[] b, int offset, int length) throws IOException {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(b, offset, length)) {
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new JsonParseException(p, "a journal line is not a JSON array");
            }
            p.skipChildren();
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "more after the journal line's array");
            }
        }
    }

    private static LifeboatException damaged(Path file, long from, int lineNo, IOException e) {
        String where = from == 0 ? "line " + lineNo : "line " + lineNo + " after byte " + from;
        String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "The manifest journal " + file + " is damaged at "
                + where + " (" + detail + "). Nothing was changed. Each line is one committed change to the "
                + "catalog; repair or remove that line by hand (the snapshot " + ManifestStore.FILE_NAME
                + " holds everything before the journal).", e);
    }
}
