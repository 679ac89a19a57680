package dev.lifeboat.core.manifest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog as snapshot plus journal, in memory, without parsing whole entries: each backup is
 * either a slot of the snapshot (its summary and where its bytes lie) or a whole entry the journal
 * recorded. Entries keep the order of the manifest; a changed entry keeps its place.
 */
final class CatalogState {
    private static final java.util.Comparator<CatalogIndex.Slot> BY_OFFSET = new java.util.Comparator<>() {
        @Override
        public int compare(CatalogIndex.Slot a, CatalogIndex.Slot b) {
            return Long.compare(a.offset(), b.offset());
        }
    };
    /** One backup: a snapshot slot, or a whole entry from the journal (then slot is null). */
    record Item(CatalogIndex.Slot slot, BackupEntry full, EntrySummary fullSummary) {
        String id() {
            return slot != null ? slot.id() : fullSummary.id();
        }

        long sortKey() {
            return slot != null ? slot.sortKey() : fullSummary.sortKey();
        }

        /** The summary; for a snapshot slot parsed from its index line on first use. */
        EntrySummary summary() {
            return slot != null ? slot.summary() : fullSummary;
        }
    }

    private final CatalogIndex.Snapshot snapshot;
    private final Map<String, Object> header;
    private final LinkedHashMap<String, List<Item>> byId = new LinkedHashMap<>();
    private final List<String> pending = new ArrayList<>();
    private boolean membershipChanged;

    CatalogState(CatalogIndex.Snapshot snapshot) {
        this.snapshot = snapshot;
        this.header = new LinkedHashMap<>(snapshot.header());
        // Without slots (only the top-level fields were read) the state answers only for pending deletes.
        List<CatalogIndex.Slot> slots = new ArrayList<>(snapshot.slots() == null ? List.of() : snapshot.slots());
        // Loops and a written-out comparator, no lambdas: every find, delete and prune builds a state in a
        // cold JVM, where each lambda's first use is bootstrapped (issue 15).
        if (slots.size() > 1) {
            slots.sort(BY_OFFSET); // the index lists newest first
        }
        for (CatalogIndex.Slot s : slots) {
            List<Item> same = byId.get(s.id());
            if (same == null) {
                same = new ArrayList<>(1);
                byId.put(s.id(), same);
            }
            same.add(new Item(s, null, null));
        }
        if (header.get("pending_deletes") instanceof List<?> list) {
            for (Object f : list) {
                pending.add(String.valueOf(f));
            }
        }
    }

    CatalogIndex.Snapshot snapshot() {
        return snapshot;
    }

    Map<String, Object> header() {
        return header;
    }

    void applyAll(CatalogJournal.Read journal) {
        journal.lines().forEach(this::apply);
    }

    void apply(List<JournalChange> line) {
        for (JournalChange c : line) {
            switch (c.op()) {
                case JournalChange.PUT -> put(c.entry());
                case JournalChange.REMOVE -> {
                    membershipChanged |= byId.remove(c.id()) != null;
                    addPending(c.pending());
                }
                case JournalChange.PENDING -> {
                    addPending(c.pending());
                    if (c.done() != null) {
                        pending.removeAll(c.done());
                    }
                }
                default -> throw new IllegalArgumentException("unknown journal change \"" + c.op() + "\"");
            }
        }
    }

    private void put(BackupEntry entry) {
        Item item = new Item(null, entry, EntrySummary.of(entry));
        List<Item> old = byId.get(item.id());
        if (old == null) {
            membershipChanged = true;
            byId.put(item.id(), new ArrayList<>(List.of(item)));
        } else {
            old.replaceAll(i -> item);
        }
    }

    private void addPending(List<String> files) {
        if (files != null) {
            for (String f : files) {
                if (!pending.contains(f)) {
                    pending.add(f);
                }
            }
        }
    }

    List<String> pending() {
        return List.copyOf(pending);
    }

    /** Every backup in manifest order. */
    List<Item> items() {
        List<Item> all = new ArrayList<>(byId.size());
        byId.values().forEach(all::addAll);
        return all;
    }

    List<Item> byId(String id) {
        return byId.getOrDefault(id, List.of());
    }

    int size() {
        int n = 0;
        for (List<Item> l : byId.values()) {
            n += l.size();
        }
        return n;
    }

    /** Newest first, ties in manifest order, as {@link Manifest#newestFirst()} orders them. */
    List<Item> newestFirst() {
        List<Item> all = items();
        all.sort(Comparator.comparingLong(Item::sortKey).reversed());
        return all;
    }

    /** The id "current" names: as recorded, unless backups were added or removed since. */
    String current() {
        Object recorded = header.get("current");
        if (!membershipChanged && recorded != null) {
            return recorded.toString();
        }
        Item newest = null;
        for (List<Item> l : byId.values()) {
            for (Item i : l) {
                if (newest == null || i.sortKey() > newest.sortKey()) {
                    newest = i;
                }
            }
        }
        return newest == null ? null : newest.id();
    }
}
