package dev.lifeboat.core.manifest;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.util.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One consistent reading of the catalog (snapshot index, journal, and the snapshot file they
 * describe, held open): finds entries and parses only those it returns.
 */
final class CatalogReader implements AutoCloseable {
    private final ManifestStore store;
    private final SnapshotFile snapshots;
    private final CatalogState state;
    private final FileChannel channel;
    private final long journalEnd;

    CatalogReader(ManifestStore store, SnapshotFile snapshots, CatalogState state, FileChannel channel, long journalEnd) {
        this.store = store;
        this.snapshots = snapshots;
        this.state = state;
        this.channel = channel;
        this.journalEnd = journalEnd;
    }

    /** Where the journal's committed lines this reading holds end. */
    long journalEnd() {
        return journalEnd;
    }

    CatalogState state() {
        return state;
    }

    /** The whole entry with this exact id, or null. */
    /** How many entries carry this id (more than one only in a hand-edited manifest). */
    int count(String id) {
        return state.byId(id).size();
    }

    BackupEntry entry(String id) {
        List<CatalogState.Item> items = state.byId(id);
        return items.isEmpty() ? null : full(items.get(0));
    }

    private BackupEntry full(CatalogState.Item item) {
        try {
            return snapshots.full(channel, item);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the manifest " + store.manifestFile() + ": "
                    + e.getMessage() + ". Check that the backup folder is readable.", e);
        }
    }

    BackupEntry find(String idOrLatest) {
        if (idOrLatest == null || idOrLatest.equalsIgnoreCase("latest")) {
            List<CatalogState.Item> newest = state.newestFirst();
            if (newest.isEmpty()) {
                throw new LifeboatException(ErrorCode.BACKUP_NOT_FOUND, "The folder " + store.folder() + " has no "
                        + "backups yet. Take one, or import backup files already in the folder.", Remedy.TAKE_BACKUP,
                        null);
            }
            return full(newest.get(0));
        }
        BackupEntry exact = entry(idOrLatest);
        if (exact != null) {
            return exact;
        }
        List<CatalogState.Item> byPrefix = new ArrayList<>();
        for (CatalogState.Item i : state.items()) {
            if (i.id().startsWith(idOrLatest) || idOrLatest.equals(i.summary().entry().file())) {
                byPrefix.add(i);
            }
        }
        if (byPrefix.size() == 1) {
            return full(byPrefix.get(0));
        }
        if (byPrefix.size() > 1) {
            throw new LifeboatException(ErrorCode.USAGE, "'" + idOrLatest + "' matches " + byPrefix.size()
                    + " backups. Give more of the id.", Remedy.LIST_BACKUPS, null);
        }
        throw new LifeboatException(ErrorCode.BACKUP_NOT_FOUND, "No backup '" + idOrLatest + "' in " + store.folder()
                + ".", Remedy.LIST_BACKUPS, null);
    }

    List<BackupEntry> newest(int count) {
        List<BackupEntry> list = new ArrayList<>();
        for (CatalogState.Item i : state.newestFirst()) {
            if (list.size() >= count) {
                break;
            }
            list.add(full(i));
        }
        return list;
    }

    /** Streams entries as a JSON array: snapshot entries are copied as they are, never parsed. */
    void writeJson(OutputStream out, Integer last) throws IOException {
        List<CatalogState.Item> items = state.newestFirst();
        int n = last == null ? items.size() : Math.min(last, items.size());
        out.write("[ ".getBytes(StandardCharsets.UTF_8));
        Window window = new Window();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.write(", ".getBytes(StandardCharsets.UTF_8));
            }
            CatalogState.Item item = items.get(i);
            if (item.full() != null) {
                out.write(Json.MAPPER.writeValueAsBytes(item.full()));
                continue;
            }
            window.write(item.slot().offset(), item.slot().length(), out);
        }
        out.write(" ]\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * A megabyte of the snapshot read at once: newest first is usually the file backwards, entry after
     * entry, so one read serves a few hundred entries (35,000 reads of 3 KB became about a hundred),
     * and one buffer serves them all, so copying 35,000 entries leaves no garbage for the heap to grow on.
     */
    private final class Window {
        private static final int SIZE = 1 << 20;
        private ByteBuffer buf = ByteBuffer.allocate(SIZE);
        private long start = -1;
        private int filled;
        private long previous = -1;

        void write(long offset, int length, OutputStream out) throws IOException {
            if (start < 0 || offset < start || offset + length > start + filled) {
                boolean backwards = previous >= 0 && offset < previous;
                if (buf.capacity() < length) {
                    buf = ByteBuffer.allocate(length);
                }
                start = backwards ? Math.max(0, offset + length - buf.capacity()) : offset;
                buf.clear().limit((int) Math.min(buf.capacity(), channel.size() - start));
                while (buf.hasRemaining() && channel.read(buf, start + buf.position()) >= 0) {
                    // fill the window, or up to the end of the file
                }
                filled = buf.position();
                if (offset + length > start + filled) {
                    throw new IOException("the manifest is shorter than its index says");
                }
            }
            previous = offset;
            out.write(buf.array(), (int) (offset - start), length);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
