package dev.lifeboat.core.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The retention facts of {@link ManifestStore#retentionFacts()}, kept with the versions of snapshot and
 * journal they were read from: a prune asks twice, and any append or compaction changes the key.
 */
final class RetentionFactsCache {
    private final ManifestStore store;
    private final SnapshotFile snapshots;
    /** The last facts read, with the versions of snapshot and journal they were read from (a prune asks twice). */
    private volatile CachedFacts cachedFacts;

    private record CachedFacts(List<Object> key, FactsColumns columns, List<RetentionFacts> facts) {
    }

    RetentionFactsCache(ManifestStore store, SnapshotFile snapshots) {
        this.store = store;
        this.snapshots = snapshots;
    }

    List<RetentionFacts> retentionFacts() {
        return current().facts();
    }

    /** The facts of backups with an off-site copy, newest first (no pass over all facts when none has one). */
    List<RetentionFacts> withCopies() {
        return current().columns().withCopies();
    }

    /**
     * The facts of every backup with this exact id, if the facts last read are still those of the catalog on
     * disk (neither snapshot nor journal changed since); else null, and the caller reads the entry itself.
     */
    List<RetentionFacts> currentWithId(String id) {
        CachedFacts cached = cachedFacts;
        List<Object> key = factsKey();
        return cached == null || key == null || !cached.key().equals(key) ? null : cached.columns().withId(id);
    }

    private CachedFacts current() {
        List<Object> key = factsKey();
        CachedFacts cached = cachedFacts;
        if (key != null && cached != null && cached.key().equals(key)) {
            return cached;
        }
        FactsColumns columns = readRetentionFacts();
        CachedFacts read = new CachedFacts(key, columns, columns.facts());
        // Kept only if neither file changed while they were read; any append or compaction changes the key.
        if (key != null && key.equals(factsKey())) {
            cachedFacts = read;
        }
        return read;
    }

    /** Snapshot and journal versions (size, time in ns, file key), or null when they cannot be read. */
    private List<Object> factsKey() {
        try {
            List<Object> key = new java.util.ArrayList<>(List.of(CatalogIndex.Identity.of(store.manifestFile())));
            if (!Files.exists(store.journalFile())) {
                key.add("no journal");
                return key;
            }
            java.nio.file.attribute.BasicFileAttributes j = Files.readAttributes(store.journalFile(),
                    java.nio.file.attribute.BasicFileAttributes.class);
            key.addAll(List.of(j.size(), j.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                    String.valueOf(j.fileKey())));
            return key;
        } catch (IOException e) {
            return null; // no snapshot or journal yet: read each time
        }
    }

    private FactsColumns readRetentionFacts() {
        // The journal first: a compaction after it was read only means replaying changes the snapshot holds.
        CatalogJournal.Read journal = CatalogJournal.read(store.journalFile(), 0);
        FactsColumns snapshot = snapshots.facts();
        return journal.isEmpty() ? snapshot : snapshot.withJournal(journal);
    }
}
