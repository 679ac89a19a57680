package dev.lifeboat.core.manifest;

import dev.lifeboat.core.LifeboatException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The catalog of one backup folder: {@code backup_manifest.json} (the snapshot, in the format users
 * and scripts read) plus {@code backup_manifest.journal} (changes since, one committed line each) and
 * a derived index (decision 007). Every change happens under an OS file lock (so the desktop app and a
 * scheduled CLI run lose nothing) and commits atomically; a compaction folds the journal into the
 * snapshot, keeping the previous snapshot as {@code .bak}. A damaged part is reported, never overwritten.
 */
public final class ManifestStore {
    public static final String FILE_NAME = "backup_manifest.json";

    private final Path folder;
    private final SnapshotFile snapshots;
    private final CatalogPaths paths;
    private final SnapshotJson json;
    private final CatalogWriter writer;
    private final RetentionFactsCache facts;
    private final CatalogReading reading;

    public ManifestStore(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        this.snapshots = new SnapshotFile(this);
        this.paths = new CatalogPaths(this.folder);
        this.json = new SnapshotJson(this);
        this.writer = new CatalogWriter(this, snapshots);
        this.facts = new RetentionFactsCache(this, snapshots);
        this.reading = new CatalogReading(this, snapshots, writer);
    }

    public Path folder() {
        return folder;
    }

    public Path manifestFile() {
        return folder.resolve(FILE_NAME);
    }

    /** Changes committed since the snapshot was last written; Lifeboat reads both. */
    public Path journalFile() {
        return folder.resolve(CatalogJournal.FILE_NAME);
    }

    public Path backupCopy() {
        return folder.resolve(FILE_NAME + ".bak");
    }

    /**
     * The backup file an entry points at, once its real path is known to lie inside the folder: a
     * manifest is data, and an entry like {@code link/victim.dump} (link pointing elsewhere) must
     * never make Lifeboat read, overwrite or delete a file outside it. A hand-made manifest may name
     * the file by a path of another machine ({@code L:\\limo\\backups\\x.dump}, {@code /srv/old/x.dump});
     * when that path does not exist here, the file of that name beside the manifest is meant.
     */
    public Path fileOf(BackupEntry entry) {
        return fileOf(entry.file(), entry.effectiveId());
    }

    /** {@link #fileOf(BackupEntry)} from the entry's file and id (the retention facts carry both). */
    public Path fileOf(String name, String entryId) {
        return paths.fileOf(name, entryId);
    }

    /** The saved roles file of an entry, checked like {@link #fileOf}; null when it has none. */
    public Path rolesFileOf(BackupEntry entry) {
        return entry.globals() == null || entry.globals().file() == null ? null
                : inside(entry.globals().file(), entry.effectiveId());
    }

    /**
     * Whether the entry's file is there: a regular file, or a directory-format backup's folder
     * ({@code <id>.dir}); false too for an entry pointing outside the folder.
     */
    public boolean fileExists(BackupEntry entry) {
        return fileExists(entry.file(), entry.effectiveId());
    }

    /** {@link #fileExists(BackupEntry)} from the entry's file and id. */
    public boolean fileExists(String name, String entryId) {
        if (name == null) {
            return false;
        }
        try {
            return isBackupAt(fileOf(name, entryId), name);
        } catch (LifeboatException e) {
            return false;
        }
    }

    /** Whether the entry's file {@code name}, resolved to {@code p}, is there: a regular file, or a directory-format backup's folder. */
    public static boolean isBackupAt(Path p, String name) {
        return Files.isRegularFile(p) || name.endsWith(BackupFileNames.DIRECTORY_SUFFIX) && Files.isDirectory(p);
    }

    /**
     * A path named in the manifest, resolved in the folder; refused unless it and, following every
     * symbolic link, its real location lie inside the folder.
     */
    public Path inside(String name, String entryId) {
        return paths.inside(name, entryId);
    }

    /**
     * The whole catalog as it is on disk now, every entry parsed: an empty one when the folder has none
     * yet. It reads everything; listing, finding and recording use the cheaper verbs below.
     */
    public Manifest load() {
        return json.load();
    }

    static void checkFormat(Object formatVersion, Path file) {
        SnapshotJson.checkFormat(formatVersion, file);
    }

    LifeboatException damaged(Path file, IOException e) {
        return json.damaged(file, e);
    }

    /**
     * Applies a change to the whole catalog under the folder's lock and commits what changed as one
     * journal line. The change sees the catalog as it is on disk at that moment, so entries added
     * meanwhile by another process stay. It reads every entry: prefer {@link #add}, {@link #replace},
     * {@link #remove} where they fit.
     */
    public Manifest update(UnaryOperator<Manifest> change) {
        return writer.locked(() -> {
            Manifest before = load();
            Manifest after = change.apply(before);
            if (after == before) {
                return before;
            }
            if (!after.extra().equals(before.extra())) {
                writer.writeWhole(after); // a top-level field changed: rare, and the snapshot must hold it
                return after;
            }
            List<JournalChange> changes = ManifestJournalReplay.diff(before, after);
            if (!changes.isEmpty()) {
                writer.commit(changes);
            } else {
                return before;
            }
            return after;
        });
    }

    /** Whether an entry has this exact id (read from the index alone). */
    public boolean hasId(String id) {
        return reading.hasId(id);
    }

    /** Records a new backup. */
    public void add(BackupEntry entry) {
        writer.locked(() -> writer.commit(List.of(JournalChange.put(entry))));
    }

    /**
     * Replaces the entry with this id by what {@code change} makes of it. Returns the new entry, or null
     * (and changes nothing) when there is no such entry, e.g. it was deleted meanwhile.
     */
    public BackupEntry replace(String id, UnaryOperator<BackupEntry> change) {
        return writer.locked(() -> {
            BackupEntry now;
            try (CatalogReader r = reading.readState(Integer.MAX_VALUE, id)) {
                now = r.entry(id);
                Manifest.requireUniqueId(id, r.count(id)); // never one change written to two entries
            }
            if (now == null) {
                return null;
            }
            BackupEntry next = change.apply(now);
            writer.commit(List.of(JournalChange.put(next)));
            return next;
        });
    }

    /** Removes an entry and, in the same commit, records its files as pending deletes (decision 003). */
    public void remove(String id, List<String> pendingFiles) {
        writer.locked(() -> writer.commit(List.of(JournalChange.remove(id, pendingFiles))));
    }

    /** Clears files from the pending deletes once they are gone. */
    public void clearPending(List<String> done) {
        writer.locked(() -> writer.commit(List.of(JournalChange.pending(null, done))));
    }

    /** Files whose entries are gone and which are being deleted. */
    public List<String> pending() {
        return reading.pending();
    }

    /** Every backup's summary, newest first, without parsing whole entries. */
    public List<EntrySummary> summaries() {
        return summaries(Integer.MAX_VALUE);
    }

    /** The newest {@code count} backups' summaries, newest first, reading only what they need. */
    public List<EntrySummary> summaries(int count) {
        return reading.summaries(count);
    }

    /**
     * The summary of the one backup with exactly this id (no prefix, not "latest"), or null, read from
     * the index without parsing the whole entry: its server, database and file, not its tables.
     */
    public EntrySummary summary(String id) {
        return reading.summary(id);
    }

    /**
     * The catalog with thin entries (see {@link EntrySummary}), read from the index: what planning,
     * health checks and listing need. For reading only; never pass it or its entries back to a change.
     */
    public Manifest overview() {
        return reading.overview();
    }

    /**
     * What retention decides on for every backup, newest first (ties in manifest order), read from a
     * few fields of each index line: a prune parses whole entries only for the backups that go.
     */
    public List<RetentionFacts> retentionFacts() {
        return facts.retentionFacts();
    }

    /** {@link #retentionFacts()} of the backups with an off-site copy (no pass over the others when none has one). */
    public List<RetentionFacts> retentionFactsWithCopies() {
        return facts.withCopies();
    }

    RetentionFactsCache factsCache() {
        return facts;
    }

    /** The newest {@code count} backups, whole, newest first. */
    public List<BackupEntry> newest(int count) {
        return reading.newest(count);
    }

    /** Writes the entries, newest first (only the newest {@code last} when given), as a JSON array. */
    public void writeJson(OutputStream out, Integer last) throws IOException {
        reading.writeJson(out, last);
    }

    /** Folds the journal into {@code backup_manifest.json} now, so scripts reading it alone see everything. */
    public void compact() {
        writer.locked(() -> {
            CatalogJournal.Read journal = CatalogJournal.read(journalFile(), 0);
            if (!journal.isEmpty() || journal.size() > 0) {
                writer.compactWith(journal, List.of());
            }
            return null;
        });
    }

    /** What changed since a cursor: only the journal's new lines when it can, else every summary. */
    public CatalogChanges changesSince(CatalogChanges.Cursor cursor) {
        return new CatalogFollower(this, snapshots).changesSince(cursor);
    }

    /** Reads snapshot index and journal; retried when a compaction replaces the snapshot mid-read. */
    CatalogReader readState() {
        return reading.readState();
    }

    /** Replaces a damaged manifest with its .bak copy, keeping the damaged one aside. */
    public Path restoreBackupCopy() {
        return json.restoreBackupCopy();
    }

    /** Finds an entry by id, unique id prefix, or "latest", reading only that entry in full. */
    public BackupEntry find(String idOrLatest) {
        return reading.find(idOrLatest);
    }
}
