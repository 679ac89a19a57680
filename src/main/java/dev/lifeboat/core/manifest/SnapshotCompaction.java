package dev.lifeboat.core.manifest;

import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A compaction's writing of a new snapshot (decision 007): unchanged entries copied byte for byte from
 * the old one, the old one kept as {@code .bak}, the new one renamed in, its index written and the journal
 * emptied. Split out of {@link SnapshotFile}, which answers for it.
 */
final class SnapshotCompaction {
    private final ManifestStore store;
    private final SnapshotFile snapshots;

    SnapshotCompaction(ManifestStore store, SnapshotFile snapshots) {
        this.store = store;
        this.snapshots = snapshots;
    }

    /**
     * Writes the state as a new snapshot, keeps the old one as .bak (a hard link: no copy), renames the
     * new one in, writes its index and empties the journal. The caller holds the lock. A crash before
     * the rename leaves the old snapshot and journal; after it, replaying the journal again changes nothing.
     */
    void compact(CatalogState state, FileChannel old) throws IOException {
        Path target = store.manifestFile();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-"
                + Thread.currentThread().getId());
        List<CatalogIndex.Slot> slots = new ArrayList<>();
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            long pos = SnapshotFile.write(out, 0, headerBytes(state));
            boolean first = true;
            for (CatalogState.Item item : state.items()) {
                if (!first) {
                    pos = SnapshotFile.write(out, pos, ", ".getBytes(StandardCharsets.UTF_8));
                }
                first = false;
                long start = pos;
                if (item.full() == null && !state.snapshot().canonical()) {
                    pos = SnapshotFile.write(out, pos, Json.MAPPER.writeValueAsBytes(snapshots.full(old, item)));
                } else if (item.full() == null) {
                    long n = 0;
                    while (n < item.slot().length()) {
                        n += old.transferTo(item.slot().offset() + n, item.slot().length() - n, out.position(pos + n));
                    }
                    pos += n;
                } else {
                    pos = SnapshotFile.write(out, pos, Json.MAPPER.writeValueAsBytes(item.full()));
                }
                slots.add(item.slot() != null ? item.slot().movedTo(start, (int) (pos - start))
                        : new CatalogIndex.Slot(item.summary(), start, (int) (pos - start)));
            }
            SnapshotFile.write(out, pos, " ]\n}\n".getBytes(StandardCharsets.UTF_8));
            out.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        SafeFiles.ownerOnly(tmp);
        CatalogIndex.Identity identity = CatalogIndex.Identity.of(tmp);
        if (Files.isRegularFile(target)) {
            keepAsBak(target);
        }
        SafeFiles.moveAtomically(tmp, target);
        Map<String, Object> header = headerMap(state);
        snapshots.saveIndex(new CatalogIndex.Snapshot(identity, header, slots, true));
        CatalogJournalWriting.clear(store.journalFile());
    }

    private void keepAsBak(Path target) throws IOException {
        Path link = store.backupCopy().resolveSibling(store.backupCopy().getFileName() + ".tmp-"
                + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        Files.deleteIfExists(link);
        try {
            Files.createLink(link, target);
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(target, link);
        }
        SafeFiles.moveAtomically(link, store.backupCopy());
    }

    private static Map<String, Object> headerMap(CatalogState state) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("format_version", Manifest.FORMAT_VERSION);
        String current = state.current();
        if (current != null) {
            h.put("current", current);
        }
        state.header().forEach((k, v) -> {
            if (!Objects.equals(k, "format_version") && !k.equals("current") && !k.equals("pending_deletes")) {
                h.put(k, v);
            }
        });
        if (!state.pending().isEmpty()) {
            h.put("pending_deletes", state.pending());
        }
        return h;
    }

    /** The snapshot up to its entries: the top-level fields, pretty printed as before, then "backups". */
    private static byte[] headerBytes(CatalogState state) throws IOException {
        String json = Json.MAPPER.writeValueAsString(headerMap(state));
        int close = json.lastIndexOf('}');
        String open = json.substring(0, close).stripTrailing();
        return (open + ",\n  \"backups\" : [ ").getBytes(StandardCharsets.UTF_8);
    }
}
