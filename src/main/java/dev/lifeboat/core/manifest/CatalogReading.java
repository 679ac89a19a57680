package dev.lifeboat.core.manifest;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.Map;

/**
 * The reading half of {@link ManifestStore}: one consistent reading of snapshot index and journal (retried
 * when a compaction replaces the snapshot mid-read), and the verbs that read without the folder's lock.
 */
final class CatalogReading {
    private final ManifestStore store;
    private final SnapshotFile snapshots;
    private final CatalogWriter writer;

    CatalogReading(ManifestStore store, SnapshotFile snapshots, CatalogWriter writer) {
        this.store = store;
        this.snapshots = snapshots;
        this.writer = writer;
    }

    /** Whether an entry has this exact id (read from the index alone). */
    boolean hasId(String id) {
        try (CatalogReader r = readState(Integer.MAX_VALUE, id)) {
            return r.count(id) > 0;
        }
    }

    /** Files whose entries are gone and which are being deleted. */
    List<String> pending() {
        CatalogJournal.Read journal = CatalogJournal.read(store.journalFile(), 0);
        CatalogState state = new CatalogState(snapshots.index(false));
        // Only the lines that can name pending files are bound: a prune asks before and after each delete.
        for (List<JournalChange> line : journal.linesForPending()) {
            state.apply(line);
        }
        return state.pending();
    }

    /** The newest {@code count} backups' summaries, newest first, reading only what they need. */
    List<EntrySummary> summaries(int count) {
        try (CatalogReader r = readState(count)) {
            return r.state().newestFirst().stream().limit(count).map(CatalogState.Item::summary).toList();
        }
    }

    /** The summary of the one backup with exactly this id, or null: its index line, not its whole entry. */
    EntrySummary summary(String id) {
        try (CatalogReader r = readState(Integer.MAX_VALUE, id)) {
            List<CatalogState.Item> items = r.state().byId(id);
            return items.size() == 1 ? items.get(0).summary() : null;
        }
    }

    /** The catalog with thin entries (see {@link EntrySummary}), read from the index. */
    Manifest overview() {
        try (CatalogReader r = readState()) {
            List<BackupEntry> thin = r.state().items().stream().map(i -> i.summary().entry()).toList();
            Map<String, Object> extra = new java.util.LinkedHashMap<>(r.state().header());
            extra.keySet().removeAll(List.of("format_version", "current", "pending_deletes"));
            return new Manifest(Manifest.FORMAT_VERSION, r.state().current(), thin, r.state().pending(), extra);
        }
    }

    /** The newest {@code count} backups, whole, newest first. */
    List<BackupEntry> newest(int count) {
        try (CatalogReader r = readState(count)) {
            return r.newest(count);
        }
    }

    /** Writes the entries, newest first (only the newest {@code last} when given), as a JSON array. */
    void writeJson(OutputStream out, Integer last) throws IOException {
        try (CatalogReader r = readState(last == null ? Integer.MAX_VALUE : last, null, false)) {
            r.writeJson(out, last);
        }
    }

    /** Finds an entry by id, unique id prefix, or "latest", reading only that entry in full. */
    BackupEntry find(String idOrLatest) {
        boolean latest = idOrLatest == null || idOrLatest.equalsIgnoreCase("latest");
        if (!latest) {
            try (CatalogReader r = readState(Integer.MAX_VALUE, idOrLatest)) {
                BackupEntry exact = r.entry(idOrLatest);
                if (exact != null) {
                    Manifest.requireUniqueId(idOrLatest, r.count(idOrLatest));
                    return exact; // the common case, found without reading every entry's summary
                }
            }
        }
        try (CatalogReader r = latest ? readState(1) : readState()) {
            return r.find(idOrLatest);
        }
    }

    /** Reads snapshot index and journal; retried when a compaction replaces the snapshot mid-read. */
    CatalogReader readState() {
        return readState(Integer.MAX_VALUE);
    }

    /**
     * As above, but only what the newest {@code newest} backups need: the index lists entries newest
     * first, so it reads that many lines plus one for each entry the journal touched.
     */
    CatalogReader readState(int newest) {
        return readState(newest, null);
    }

    /** As above; with {@code onlyId}, the snapshot's part holds only the entries with that id. */
    CatalogReader readState(int newest, String onlyId) {
        return readState(newest, onlyId, true);
    }

    /** As above; without summaries the reader can only copy entries out or parse them whole. */
    CatalogReader readState(int newest, String onlyId, boolean summaries) {
        for (int attempt = 0; ; attempt++) {
            CatalogJournal.Read journal = CatalogJournal.read(store.journalFile(), 0);
            // One entry's reading needs only the journal lines that can name it (most name other backups).
            List<List<JournalChange>> lines = onlyId != null ? journal.linesFor(onlyId) : journal.lines();
            long touched = 0;
            for (List<JournalChange> line : lines) { // a loop, not a stream: see CatalogState's constructor
                touched += line.size();
            }
            CatalogIndex.Snapshot snapshot = snapshots.index((int) Math.min(Integer.MAX_VALUE, (long) newest + touched),
                    onlyId, summaries);
            CatalogState state = new CatalogState(snapshot);
            for (List<JournalChange> line : lines) {
                state.apply(line);
            }
            try {
                FileChannel ch = snapshots.open(snapshot);
                if (ch != null || snapshot.identity() == null || attempt > 5) {
                    return new CatalogReader(store, snapshots, state, ch, journal.committedEnd());
                }
            } catch (IOException e) {
                if (attempt > 5) {
                    throw writer.ioError(e);
                }
            }
        }
    }
}
