package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code backup_manifest.json} as the catalog's snapshot: found through its index (rebuilt when the
 * file changed behind it), read entry by entry, and rewritten whole by a compaction that copies
 * unchanged entries byte for byte.
 */
final class SnapshotFile {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFile.class);
    private static final int ATTEMPTS = 5;

    private final ManifestStore store;
    /** The index file's bytes as last read, kept while the file is unchanged: a verify finds its entry twice. */
    private volatile CachedBytes cached;

    private record CachedBytes(long size, long modifiedNanos, String fileKey, byte[] bytes) {
    }

    SnapshotFile(ManifestStore store) {
        this.store = store;
    }

    private Path indexFile() {
        return store.folder().resolve(CatalogIndex.FILE_NAME);
    }

    /** The snapshot's index (without slots: only its top-level fields); an empty one when there is no snapshot yet. */
    CatalogIndex.Snapshot index(boolean withSlots) {
        return index(withSlots ? Integer.MAX_VALUE : -1);
    }

    /** As above, with at most the {@code maxSlots} newest entries (all when the index had to be rebuilt). */
    CatalogIndex.Snapshot index(int maxSlots) {
        return index(maxSlots, null);
    }

    /** As above; with {@code onlyId}, only the entries with that id (a rebuilt index keeps all). */
    CatalogIndex.Snapshot index(int maxSlots, String onlyId) {
        return index(maxSlots, onlyId, true);
    }

    /** As above; without summaries when only the entries' bytes will be read. */
    CatalogIndex.Snapshot index(int maxSlots, String onlyId, boolean summaries) {
        Path file = store.manifestFile();
        for (int attempt = 0; ; attempt++) {
            try {
                CatalogIndex.Identity before = CatalogIndex.Identity.of(file);
                CatalogIndex.Snapshot s = CatalogIndex.readIfCurrent(indexFile(), before, maxSlots, onlyId, summaries,
                        this::indexBytes);
                if (s != null) {
                    return s;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (!before.equals(CatalogIndex.Identity.of(file)) && attempt < ATTEMPTS) {
                    continue; // replaced while being read: read the new one
                }
                s = build(bytes, before, file);
                saveIndex(s);
                return s;
            } catch (NoSuchFileException e) {
                return new CatalogIndex.Snapshot(null, new LinkedHashMap<>(), List.of(), true);
            } catch (IOException e) {
                throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the manifest " + file + ": "
                        + e.getMessage() + ". Check that the backup folder is readable.", e);
            }
        }
    }

    private byte[] indexBytes() throws IOException {
        BasicFileAttributes a = Files.readAttributes(indexFile(), BasicFileAttributes.class);
        long modified = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        String key = String.valueOf(a.fileKey());
        CachedBytes c = cached;
        if (c != null && c.size() == a.size() && c.modifiedNanos() == modified && c.fileKey().equals(key)) {
            return c.bytes();
        }
        byte[] bytes = Files.readAllBytes(indexFile());
        // Kept only if the file did not change while it was read; its first line is checked on every use anyway.
        if (bytes.length == a.size()) {
            cached = new CachedBytes(a.size(), modified, key, bytes);
        }
        return bytes;
    }

    /** True when the index describes the snapshot on disk (or there is none): no rebuild is due. */
    boolean indexIsCurrent() {
        try {
            return CatalogIndex.readIfCurrent(indexFile(), CatalogIndex.Identity.of(store.manifestFile()), false) != null;
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The identity line of the snapshot on disk, or "none". */
    String identityLine() {
        try {
            return CatalogIndex.Identity.of(store.manifestFile()).line();
        } catch (IOException e) {
            return "none";
        }
    }

    private CatalogIndex.Snapshot build(byte[] bytes, CatalogIndex.Identity identity, Path file) {
        long t0 = System.nanoTime();
        try {
            if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
                throw new JsonProcessingException("the file is empty") { };
            }
            CatalogIndex.Snapshot s = CatalogIndexWriting.build(bytes, identity);
            ManifestStore.checkFormat(s.header().get("format_version"), file);
            LOG.info("Indexed the manifest {} ({} entries) in {} ms", file, s.slots().size(),
                    (System.nanoTime() - t0) / 1_000_000);
            return s;
        } catch (IOException e) {
            throw store.damaged(file, e);
        }
    }

    void saveIndex(CatalogIndex.Snapshot s) {
        Path tmp = indexFile().resolveSibling(CatalogIndex.FILE_NAME + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        try {
            // Written by hand rather than by SafeFiles so the new file's identity is known before it is
            // renamed in: the facts name it, and naming the file found after the rename could name another's.
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                write(ch, 0, CatalogIndexWriting.render(s));
                ch.force(true);
            }
            SafeFiles.ownerOnly(tmp);
            String written = fileIdentity(tmp);
            SafeFiles.moveAtomically(tmp, indexFile());
            if (s.identity() != null && written != null) {
                saveFacts(s, s.identity(), written);
            }
        } catch (IOException e) {
            // A read-only folder can still be listed; the index is rebuilt on each read then.
            LOG.debug("Cannot save the manifest index {}: {}", indexFile(), e.getMessage());
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing more to do: a leftover temporary file is never read
            }
        }
    }

    private Path factsFile() {
        return store.folder().resolve(CatalogFacts.FILE_NAME);
    }

    /** Size, modification time (ns) and file key: one version of a file, or null when it is missing. */
    private static String fileIdentity(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            // A StringBuilder, not +: a concatenation's first use bootstraps method handles, milliseconds of
            // every cold prune and verify (issue 15).
            return new StringBuilder().append(a.size()).append('\t').append(a.lastModifiedTime().to(TimeUnit.NANOSECONDS))
                    .append('\t').append(a.fileKey()).toString();
        } catch (IOException e) {
            return null;
        }
    }

    private void saveFacts(CatalogIndex.Snapshot s, CatalogIndex.Identity snapshot, String index) {
        try {
            saveFacts(FactsColumns.of(s.slots()), snapshot, index);
        } catch (RuntimeException e) {
            LOG.debug("Cannot derive the retention facts {}: {}", factsFile(), e.toString());
        }
    }

    /** Derived data: failing to write it never fails the change that wrote the index (it is rebuilt on use). */
    private void saveFacts(FactsColumns facts, CatalogIndex.Identity snapshot, String index) {
        try {
            SafeFiles.writeAtomically(factsFile(), CatalogFacts.render(facts, snapshot.line(), index));
        } catch (IOException | RuntimeException e) {
            LOG.debug("Cannot save the retention facts {}: {}", factsFile(), e.toString());
        }
    }

    /**
     * Every snapshot entry's retention facts, newest first: from the facts file when it was derived from
     * the snapshot and index on disk now and matches its checksum, else from the index (rebuilt when
     * due) and saved again. A stale or damaged facts file is only ever rebuilt, never trusted.
     */
    FactsColumns facts() {
        String index = fileIdentity(indexFile());
        try {
            String snapshot = CatalogIndex.Identity.of(store.manifestFile()).line();
            if (index != null) {
                FactsColumns c = CatalogFacts.read(CatalogFacts.readBytes(factsFile()), snapshot, index);
                if (c != null) {
                    return c;
                }
                LOG.info("The retention facts {} are stale or damaged; they are rebuilt from the index.", factsFile());
            }
        } catch (NoSuchFileException e) {
            // no snapshot (then no entries) or no facts yet
        } catch (IOException e) {
            LOG.debug("Cannot read the retention facts {}: {}", factsFile(), e.getMessage());
        }
        CatalogIndex.Snapshot s = index(Integer.MAX_VALUE, null, true);
        FactsColumns c = FactsColumns.of(s.slots());
        // Saved only when the index did not change while it was read (else it names an index these are not from).
        if (s.identity() != null && index != null && index.equals(fileIdentity(indexFile()))) {
            saveFacts(c, s.identity(), index);
        }
        return c;
    }

    /** Opens the snapshot the index describes, or returns null when it has been replaced meanwhile. */
    FileChannel open(CatalogIndex.Snapshot s) throws IOException {
        if (s.identity() == null) {
            return null;
        }
        FileChannel ch = FileChannel.open(store.manifestFile(), StandardOpenOption.READ);
        // Opened first, compared after: if the name still has the indexed identity, this channel has it too.
        if (!s.identity().equals(CatalogIndex.Identity.of(store.manifestFile()))) {
            ch.close();
            return null;
        }
        return ch;
    }

    static byte[] slice(FileChannel ch, CatalogIndex.Slot slot) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(slot.length());
        while (buf.hasRemaining()) {
            if (ch.read(buf, slot.offset() + buf.position()) < 0) {
                throw new IOException("the manifest is shorter than its index says");
            }
        }
        return buf.array();
    }

    /** The whole entry of an item. */
    BackupEntry full(FileChannel ch, CatalogState.Item item) throws IOException {
        if (item.full() != null) {
            return item.full();
        }
        BackupEntry e = parseOrNull(slice(ch, item.slot()));
        if (e != null && e.effectiveId().equals(item.slot().id())) {
            return e;
        }
        // Not the entry the index names there: the snapshot changed while keeping its size and time (an edit
        // in place). Never answer with another entry's data: index it again and read the entry from there.
        LOG.warn("The manifest index {} did not match {} at entry {}; it is rebuilt.", indexFile(), store.manifestFile(),
                item.slot().id());
        Files.deleteIfExists(indexFile());
        CatalogIndex.Snapshot fresh = index(Integer.MAX_VALUE, item.slot().id());
        for (CatalogIndex.Slot slot : fresh.slots()) {
            if (!slot.id().equals(item.slot().id())) {
                continue;
            }
            try (FileChannel again = open(fresh)) {
                byte[] bytes = again == null ? null : slice(again, slot);
                try {
                    return bytes == null ? null : Json.MAPPER.readValue(bytes, BackupEntry.class);
                } catch (JsonProcessingException damaged) {
                    throw store.damaged(store.manifestFile(), damaged);
                }
            }
        }
        return null; // gone from the snapshot
    }

    private static BackupEntry parseOrNull(byte[] bytes) {
        try {
            return Json.MAPPER.readValue(bytes, BackupEntry.class);
        } catch (IOException e) {
            return null;
        }
    }

    /** Writes the state as a new snapshot (see {@link SnapshotCompaction#compact}). The caller holds the lock. */
    void compact(CatalogState state, FileChannel old) throws IOException {
        new SnapshotCompaction(store, this).compact(state, old);
    }

    static long write(FileChannel out, long pos, byte[] bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
            pos += out.write(buf, pos);
        }
        return pos;
    }
}
