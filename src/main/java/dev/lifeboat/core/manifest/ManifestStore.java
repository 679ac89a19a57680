package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
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
    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    /** Below this size every change rewrites the snapshot: it costs no more than appending. */
    private static final long COMPACT_ALWAYS_BELOW = 2L << 20;
    /** Above it, the journal is folded in when it reaches this fraction of the snapshot (amortised O(1)). */
    private static final long COMPACT_WHEN_JOURNAL_IS_ONE_IN = 64;

    private final Path folder;
    private final SnapshotFile snapshots;
    /** The last facts read, with the versions of snapshot and journal they were read from (a prune asks twice). */
    private volatile CachedFacts cachedFacts;

    private record CachedFacts(List<Object> key, List<RetentionFacts> facts) {
    }

    public ManifestStore(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
        this.snapshots = new SnapshotFile(this);
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

    private Path lockFile() {
        return folder.resolve("." + FILE_NAME + ".lock");
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
        if (name != null) {
            Path direct;
            try {
                direct = folder.resolve(name).normalize();
            } catch (java.nio.file.InvalidPathException e) {
                direct = null;
            }
            int cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            if ((direct == null || !Files.exists(direct)) && cut >= 0 && cut < name.length() - 1) {
                String besideName = name.substring(cut + 1);
                if (direct == null || !direct.startsWith(folder) || Files.exists(folder.resolve(besideName))) {
                    return inside(besideName, entryId);
                }
            }
        }
        return inside(name, entryId);
    }

    /** The saved roles file of an entry, checked like {@link #fileOf}; null when it has none. */
    public Path rolesFileOf(BackupEntry entry) {
        return entry.globals() == null || entry.globals().file() == null ? null
                : inside(entry.globals().file(), entry.effectiveId());
    }

    /** Whether the entry's file is there (false too for an entry pointing outside the folder). */
    public boolean fileExists(BackupEntry entry) {
        return fileExists(entry.file(), entry.effectiveId());
    }

    /** {@link #fileExists(BackupEntry)} from the entry's file and id. */
    public boolean fileExists(String name, String entryId) {
        try {
            return name != null && Files.isRegularFile(fileOf(name, entryId));
        } catch (LifeboatException e) {
            return false;
        }
    }

    /**
     * A path named in the manifest, resolved in the folder; refused unless it and, following every
     * symbolic link, its real location lie inside the folder.
     */
    public Path inside(String name, String entryId) {
        if (name == null || name.isBlank()) {
            throw outside(name, entryId, "it names no file");
        }
        Path p = folder.resolve(name).normalize();
        if (!p.startsWith(folder) || p.equals(folder)) {
            throw outside(name, entryId, "the path leaves the folder");
        }
        Path realFolder;
        try {
            realFolder = folder.toRealPath();
        } catch (IOException e) {
            return p; // no folder yet: nothing in it can point anywhere
        }
        Path probe = p;
        while (probe != null && !Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) {
            probe = probe.getParent();
        }
        if (probe == null) {
            return p;
        }
        try {
            Path real = probe.toRealPath();
            if (!real.startsWith(realFolder)) {
                throw outside(name, entryId, "it leads to " + real + " through a symbolic link");
            }
        } catch (IOException e) {
            throw outside(name, entryId, "a symbolic link on the way leads nowhere");
        }
        return p;
    }

    private LifeboatException outside(String name, String entryId, String why) {
        return new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "The manifest entry " + entryId + " names the file '"
                + name + "', which is not inside the backup folder " + folder + " (" + why + "). Lifeboat will not "
                + "read, write or delete it. Correct the entry's \"file\" in the manifest, or remove the entry.");
    }

    /**
     * The whole catalog as it is on disk now, every entry parsed: an empty one when the folder has none
     * yet. It reads everything; listing, finding and recording use the cheaper verbs below.
     */
    public Manifest load() {
        // The journal first: a compaction between the two reads then only means replaying changes the
        // snapshot already holds, which changes nothing.
        CatalogJournal.Read journal = CatalogJournal.read(journalFile(), 0);
        Path file = manifestFile();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return ManifestJournalReplay.apply(Manifest.empty(), journal);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the manifest " + file + ": "
                    + e.getMessage() + ". Check that the backup folder is readable.", e);
        }
        return ManifestJournalReplay.apply(parse(bytes, file), journal);
    }

    private Manifest parse(byte[] bytes, Path file) {
        try {
            if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                throw new JsonProcessingException("the file is empty") { };
            }
            Manifest m = Json.MAPPER.readValue(bytes, Manifest.class);
            checkFormat(m.formatVersion(), file);
            return m;
        } catch (IOException e) {
            throw damaged(file, e);
        }
    }

    static void checkFormat(Object formatVersion, Path file) {
        if (formatVersion instanceof Number n && n.intValue() > Manifest.FORMAT_VERSION) {
            throw new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "The manifest " + file + " was written by a "
                    + "newer Lifeboat (format " + n + "). Update Lifeboat to use this folder.");
        }
    }

    LifeboatException damaged(Path file, IOException e) {
        String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                ? " (line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr() + ")"
                : "";
        boolean haveCopy = Files.isRegularFile(backupCopy());
        String bak = haveCopy
                ? " The previous version is kept at " + backupCopy() + ": put it back in place of the damaged file."
                : " No previous version (.bak) exists: move the damaged file away and rebuild the catalog from the "
                + "backup files in the folder.";
        return new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "The manifest " + file + " is damaged and "
                + "cannot be read" + where + ". Nothing was changed." + bak,
                haveCopy ? Remedy.RESTORE_MANIFEST_COPY : Remedy.REBUILD_CATALOG, e);
    }

    /**
     * Applies a change to the whole catalog under the folder's lock and commits what changed as one
     * journal line. The change sees the catalog as it is on disk at that moment, so entries added
     * meanwhile by another process stay. It reads every entry: prefer {@link #add}, {@link #replace},
     * {@link #remove} where they fit.
     */
    public Manifest update(UnaryOperator<Manifest> change) {
        return locked(() -> {
            Manifest before = load();
            Manifest after = change.apply(before);
            if (after == before) {
                return before;
            }
            if (!after.extra().equals(before.extra())) {
                writeWhole(after); // a top-level field changed: rare, and the snapshot must hold it
                return after;
            }
            List<JournalChange> changes = ManifestJournalReplay.diff(before, after);
            if (!changes.isEmpty()) {
                commit(changes);
            } else {
                return before;
            }
            return after;
        });
    }

    /** Whether an entry has this exact id (read from the index alone). */
    public boolean hasId(String id) {
        try (CatalogReader r = readState(Integer.MAX_VALUE, id)) {
            return r.count(id) > 0;
        }
    }

    /** Records a new backup. */
    public void add(BackupEntry entry) {
        locked(() -> commit(List.of(JournalChange.put(entry))));
    }

    /**
     * Replaces the entry with this id by what {@code change} makes of it. Returns the new entry, or null
     * (and changes nothing) when there is no such entry, e.g. it was deleted meanwhile.
     */
    public BackupEntry replace(String id, UnaryOperator<BackupEntry> change) {
        return locked(() -> {
            BackupEntry now;
            try (CatalogReader r = readState(Integer.MAX_VALUE, id)) {
                now = r.entry(id);
                Manifest.requireUniqueId(id, r.count(id)); // never one change written to two entries
            }
            if (now == null) {
                return null;
            }
            BackupEntry next = change.apply(now);
            commit(List.of(JournalChange.put(next)));
            return next;
        });
    }

    /** Removes an entry and, in the same commit, records its files as pending deletes (decision 003). */
    public void remove(String id, List<String> pendingFiles) {
        locked(() -> commit(List.of(JournalChange.remove(id, pendingFiles))));
    }

    /** Clears files from the pending deletes once they are gone. */
    public void clearPending(List<String> done) {
        locked(() -> commit(List.of(JournalChange.pending(null, done))));
    }

    /** Files whose entries are gone and which are being deleted. */
    public List<String> pending() {
        CatalogJournal.Read journal = CatalogJournal.read(journalFile(), 0);
        CatalogState state = new CatalogState(snapshots.index(false));
        // Only the lines that can name pending files are bound: a prune asks before and after each delete.
        for (List<JournalChange> line : journal.linesForPending()) {
            state.apply(line);
        }
        return state.pending();
    }

    /** Every backup's summary, newest first, without parsing whole entries. */
    public List<EntrySummary> summaries() {
        return summaries(Integer.MAX_VALUE);
    }

    /** The newest {@code count} backups' summaries, newest first, reading only what they need. */
    public List<EntrySummary> summaries(int count) {
        try (CatalogReader r = readState(count)) {
            return r.state().newestFirst().stream().limit(count).map(CatalogState.Item::summary).toList();
        }
    }

    /**
     * The catalog with thin entries (see {@link EntrySummary}), read from the index: what planning,
     * health checks and listing need. For reading only; never pass it or its entries back to a change.
     */
    public Manifest overview() {
        try (CatalogReader r = readState()) {
            List<BackupEntry> thin = r.state().items().stream().map(i -> i.summary().entry()).toList();
            Map<String, Object> extra = new java.util.LinkedHashMap<>(r.state().header());
            extra.keySet().removeAll(List.of("format_version", "current", "pending_deletes"));
            return new Manifest(Manifest.FORMAT_VERSION, r.state().current(), thin, r.state().pending(), extra);
        }
    }

    /**
     * What retention decides on for every backup, newest first (ties in manifest order), read from a
     * few fields of each index line: a prune parses whole entries only for the backups that go.
     */
    public List<RetentionFacts> retentionFacts() {
        List<Object> key = factsKey();
        CachedFacts cached = cachedFacts;
        if (key != null && cached != null && cached.key().equals(key)) {
            return cached.facts();
        }
        List<RetentionFacts> facts = java.util.Collections.unmodifiableList(readRetentionFacts());
        // Kept only if neither file changed while they were read; any append or compaction changes the key.
        if (key != null && key.equals(factsKey())) {
            cachedFacts = new CachedFacts(key, facts);
        }
        return facts;
    }

    /** Snapshot and journal versions (size, time in ns, file key), or null when they cannot be read. */
    private List<Object> factsKey() {
        try {
            List<Object> key = new java.util.ArrayList<>(List.of(CatalogIndex.Identity.of(manifestFile())));
            if (!Files.exists(journalFile())) {
                key.add("no journal");
                return key;
            }
            java.nio.file.attribute.BasicFileAttributes j = Files.readAttributes(journalFile(),
                    java.nio.file.attribute.BasicFileAttributes.class);
            key.addAll(List.of(j.size(), j.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                    String.valueOf(j.fileKey())));
            return key;
        } catch (IOException e) {
            return null; // no snapshot or journal yet: read each time
        }
    }

    private List<RetentionFacts> readRetentionFacts() {
        // The journal first: a compaction after it was read only means replaying changes the snapshot holds.
        CatalogJournal.Read journal = CatalogJournal.read(journalFile(), 0);
        CatalogFacts.Columns snapshot = snapshots.facts();
        return journal.isEmpty() ? snapshot.facts() : snapshot.withJournal(journal);
    }

    /** The newest {@code count} backups, whole, newest first. */
    public List<BackupEntry> newest(int count) {
        try (CatalogReader r = readState(count)) {
            return r.newest(count);
        }
    }

    /** Writes the entries, newest first (only the newest {@code last} when given), as a JSON array. */
    public void writeJson(OutputStream out, Integer last) throws IOException {
        try (CatalogReader r = readState(last == null ? Integer.MAX_VALUE : last, null, false)) {
            r.writeJson(out, last);
        }
    }

    /** Folds the journal into {@code backup_manifest.json} now, so scripts reading it alone see everything. */
    public void compact() {
        locked(() -> {
            CatalogJournal.Read journal = CatalogJournal.read(journalFile(), 0);
            if (!journal.isEmpty() || journal.size() > 0) {
                compactWith(journal, List.of());
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
            CatalogJournal.Read journal = CatalogJournal.read(journalFile(), 0);
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
                    return new CatalogReader(this, snapshots, state, ch, journal.committedEnd());
                }
            } catch (IOException e) {
                if (attempt > 5) {
                    throw ioError(e);
                }
            }
        }
    }

    private Void commit(List<JournalChange> changes) {
        CatalogJournal.Read journal = CatalogJournal.read(journalFile(), 0);
        long snapshotSize = sizeOrZero(manifestFile());
        if (snapshotSize <= COMPACT_ALWAYS_BELOW || !snapshots.indexIsCurrent()) {
            compactWith(journal, changes); // small: rewriting is as cheap as appending and keeps the JSON whole
            return null;
        }
        try {
            long end = CatalogJournal.append(journalFile(), journal, changes);
            if (end * COMPACT_WHEN_JOURNAL_IS_ONE_IN >= snapshotSize) {
                compactWith(CatalogJournal.read(journalFile(), 0), List.of());
            }
            return null;
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    private void compactWith(CatalogJournal.Read journal, List<JournalChange> changes) {
        CatalogIndex.Snapshot snapshot = snapshots.index(true);
        CatalogState state = new CatalogState(snapshot);
        state.applyAll(journal);
        if (!changes.isEmpty()) {
            state.apply(changes);
        }
        try (FileChannel old = snapshots.open(snapshot)) {
            snapshots.compact(state, old);
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    private void writeWhole(Manifest manifest) {
        try {
            byte[] data = Json.MAPPER.writeValueAsBytes(manifest);
            Path file = manifestFile();
            if (Files.isRegularFile(file)) {
                SafeFiles.writeAtomically(backupCopy(), Files.readAllBytes(file));
            }
            SafeFiles.writeAtomically(file, data);
            CatalogJournal.clear(journalFile());
        } catch (IOException e) {
            throw ioError(e);
        }
    }

    private static long sizeOrZero(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private <T> T locked(Supplier<T> work) {
        SafeFiles.ensureFolder(folder);
        ReentrantLock local = IN_PROCESS_LOCKS.computeIfAbsent(manifestFile(), p -> new ReentrantLock());
        local.lock();
        try (FileChannel lockChannel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            SafeFiles.ownerOnly(lockFile());
            return work.get();
        } catch (IOException e) {
            throw ioError(e);
        } finally {
            local.unlock();
        }
    }

    private LifeboatException ioError(IOException e) {
        if (SafeFiles.isDiskFull(e)) {
            return new LifeboatException(ErrorCode.DISK_FULL, "The disk holding " + folder + " is full, so the "
                    + "manifest could not be saved; the previous manifest is unchanged. Free some space and try again.", e);
        }
        return new LifeboatException(ErrorCode.IO_ERROR, "Cannot save the manifest in " + folder + ": "
                + e.getMessage() + ". The previous manifest is unchanged.", e);
    }

    /** Replaces a damaged manifest with its .bak copy, keeping the damaged one aside. */
    public Path restoreBackupCopy() {
        Path bak = backupCopy();
        if (!Files.isRegularFile(bak)) {
            throw new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "There is no " + bak.getFileName() + " in " + folder
                    + " to restore from.");
        }
        try {
            parse(Files.readAllBytes(bak), bak);
            Path aside = folder.resolve(FILE_NAME + ".damaged-" + System.currentTimeMillis());
            if (Files.exists(manifestFile())) {
                Files.copy(manifestFile(), aside);
            }
            SafeFiles.writeAtomically(manifestFile(), Files.readAllBytes(bak));
            return aside;
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot restore the manifest from " + bak + ": " + e.getMessage(), e);
        }
    }

    /** Finds an entry by id, unique id prefix, or "latest", reading only that entry in full. */
    public BackupEntry find(String idOrLatest) {
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
}
