package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only journal beside the manifest snapshot: one line per committed change, a JSON array
 * of {@link JournalChange}s written with a single write and made durable before the change counts.
 * A kill -9 during an append can only leave a last line without its newline: that change never
 * committed, readers ignore it and the next writer cuts it off. A complete line that does not parse
 * is damage, reported and never cut.
 */
final class CatalogJournal {
    static final String FILE_NAME = "backup_manifest.journal";
    private static final Logger LOG = LoggerFactory.getLogger(CatalogJournal.class);
    private static final ObjectReader READER = Json.MAPPER.readerFor(new TypeReference<List<JournalChange>>() { });
    private static final ObjectWriter WRITER = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

    /** The committed lines from an offset on, where they end, and the file's size (larger when a tail is torn). */
    record Read(List<List<JournalChange>> lines, long from, long committedEnd, long size) {
        int changeCount() {
            return lines.size();
        }
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
            return new Read(List.of(), 0, 0, 0);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the manifest journal " + file + ": "
                    + e.getMessage() + ". Check that the backup folder is readable.", e);
        }
        List<List<JournalChange>> lines = new ArrayList<>();
        int start = 0;
        int lineNo = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            try {
                lines.add(READER.readValue(bytes, start, i - start));
            } catch (IOException e) {
                throw damaged(file, from, lineNo, e);
            }
            start = i + 1;
            lineNo++;
        }
        return new Read(lines, from, from + start, size);
    }

    private static LifeboatException damaged(Path file, long from, int lineNo, IOException e) {
        String where = from == 0 ? "line " + lineNo : "line " + lineNo + " after byte " + from;
        String detail = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "The manifest journal " + file + " is damaged at "
                + where + " (" + detail + "). Nothing was changed. Each line is one committed change to the "
                + "catalog; repair or remove that line by hand (the snapshot " + ManifestStore.FILE_NAME
                + " holds everything before the journal).", e);
    }

    /** Appends one committed line; the caller holds the folder's lock and has just read the journal. */
    static long append(Path file, Read current, List<JournalChange> changes) throws IOException {
        byte[] json = WRITER.writeValueAsBytes(changes);
        ByteBuffer line = ByteBuffer.allocate(json.length + 1).put(json).put((byte) '\n').flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            long end = current.committedEnd();
            if (ch.size() > end) {
                LOG.warn("The manifest journal {} ended in a change that never committed ({} bytes, left by an "
                        + "interrupted run); it is cut off.", file, ch.size() - end);
                ch.truncate(end);
            }
            long pos = end;
            while (line.hasRemaining()) {
                pos += ch.write(line, pos);
            }
            ch.force(false);
            return pos;
        }
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
