package dev.lifeboat.core.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Follows the catalog for a reader that polls: while the snapshot stays the same and the journal
 * only grew (its earlier bytes unchanged), only the new journal lines are read; after a compaction
 * or a hand edit, every summary is read again from the index (never the whole snapshot).
 */
final class CatalogFollower {
    private final ManifestStore store;
    private final SnapshotFile snapshots;

    CatalogFollower(ManifestStore store, SnapshotFile snapshots) {
        this.store = store;
        this.snapshots = snapshots;
    }

    CatalogChanges changesSince(CatalogChanges.Cursor cursor) {
        if (cursor != null && cursor.snapshot().equals(snapshots.identityLine())
                && crc(store.journalFile(), cursor.journalEnd()) == cursor.journalCrc()) {
            CatalogJournal.Read delta = CatalogJournal.read(store.journalFile(), cursor.journalEnd());
            // The snapshot may have been replaced while the journal was read: then start again whole.
            if (cursor.snapshot().equals(snapshots.identityLine()) && delta.from() == cursor.journalEnd()) {
                List<JournalChange> changes = new ArrayList<>();
                delta.lines().forEach(changes::addAll);
                long end = delta.committedEnd();
                long crc = end == cursor.journalEnd() ? cursor.journalCrc() : crc(store.journalFile(), end);
                return new CatalogChanges(false, List.of(), changes, new CatalogChanges.Cursor(cursor.snapshot(), end, crc));
            }
        }
        try (CatalogReader r = store.readState()) {
            CatalogIndex.Snapshot s = r.state().snapshot();
            long end = r.journalEnd();
            String snapshot = s.identity() == null ? "none" : s.identity().line();
            List<EntrySummary> summaries = r.state().newestFirst().stream().map(CatalogState.Item::summary).toList();
            return new CatalogChanges(true, summaries, List.of(),
                    new CatalogChanges.Cursor(snapshot, end, crc(store.journalFile(), end)));
        }
    }

    /** CRC-32 of the journal's first {@code end} bytes; -1 when it is shorter (emptied by a compaction). */
    static long crc(Path journal, long end) {
        CRC32 crc = new CRC32();
        try (FileChannel ch = FileChannel.open(journal, StandardOpenOption.READ)) {
            if (ch.size() < end) {
                return -1;
            }
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
            long pos = 0;
            while (pos < end) {
                buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
                int n = ch.read(buf, pos);
                if (n < 0) {
                    return -1;
                }
                buf.flip();
                crc.update(buf);
                pos += n;
            }
            return crc.getValue();
        } catch (NoSuchFileException e) {
            return end == 0 ? crc.getValue() : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
