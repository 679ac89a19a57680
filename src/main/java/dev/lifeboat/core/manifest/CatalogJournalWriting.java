package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifeboat.core.util.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The writing side of {@link CatalogJournal}: one committed line appended with a single write and made durable
 * before the change counts (a torn last line left by a kill -9 is cut off first), and the journal emptied once
 * a compaction holds its changes.
 */
final class CatalogJournalWriting {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogJournal.class);
    private static final ObjectWriter WRITER = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    private CatalogJournalWriting() {
    }

    /** Appends one committed line; the caller holds the folder's lock and has just read the journal. */
    static long append(Path file, CatalogJournal.Read current, List<JournalChange> changes) throws IOException {
        byte[] json = lineJson(changes);
        ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long end = current.committedEnd();
            if (ch.size() > end) {
                LOG.warn("The manifest journal {} ended in a change that never committed ({} bytes, left by an "
                        + "interrupted run); it is cut off.", file, ch.size() - end);
                ch.truncate(end);
            }
            long pos = end;
            if (pos == 0) {
                // New or emptied: owner-only like the snapshot it belongs to (its lines are whole entries).
                dev.lifeboat.core.util.SafeFiles.ownerOnly(file);
            }
            while (line.hasRemaining()) {
                pos += ch.write(line, pos);
            }
            ch.force(false);
            return pos;
        }
    }

    /**
     * A line's JSON. Removes and pending changes are written out as Jackson writes them (same names, nulls
     * left out, strings escaped by its encoder): a prune's delete then builds no serializer in a cold JVM
     * (issue 15). A line with a whole entry is Jackson's.
     */
    static byte[] lineJson(List<JournalChange> changes) throws IOException {
        StringBuilder b = new StringBuilder(64).append('[');
        for (int i = 0; i < changes.size(); i++) {
            JournalChange c = changes.get(i);
            if (c.entry() != null) {
                return WRITER.writeValueAsBytes(changes);
            }
            b.append(i == 0 ? "{" : ",{").append("\"op\":");
            quoted(b, c.op());
            if (c.id() != null) {
                b.append(",\"id\":");
                quoted(b, c.id());
            }
            strings(b, "pending", c.pending());
            strings(b, "done", c.done());
            b.append('}');
        }
        return b.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void strings(StringBuilder b, String name, List<String> values) {
        if (values == null) {
            return;
        }
        b.append(",\"").append(name).append("\":[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            quoted(b, values.get(i));
        }
        b.append(']');
    }

    private static void quoted(StringBuilder b, String s) {
        if (s == null) {
            b.append("null");
            return;
        }
        b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
    }

    /** Empties the journal once a compaction has put its changes into the snapshot. */
    static void clear(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(0);
            ch.force(false);
        } catch (NoSuchFileException e) {
            // nothing to empty
        }
    }
}
