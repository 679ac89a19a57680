package dev.lifeboat.core.manifest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The journal in terms of whole {@link Manifest}s: replaying it over a snapshot, and the changes between two. */
final class ManifestJournalReplay {
    private ManifestJournalReplay() {
    }

    static Manifest apply(Manifest snapshot, CatalogJournal.Read journal) {
        if (journal.lines().isEmpty()) {
            return snapshot;
        }
        List<BackupEntry> backups = new ArrayList<>(snapshot.backups());
        List<String> pending = new ArrayList<>(snapshot.pending());
        boolean membershipChanged = false;
        for (List<JournalChange> line : journal.lines()) {
            for (JournalChange c : line) {
                switch (c.op()) {
                    case JournalChange.PUT -> {
                        String id = c.entry().effectiveId();
                        boolean found = false;
                        for (int i = 0; i < backups.size(); i++) {
                            if (backups.get(i).effectiveId().equals(id)) {
                                backups.set(i, c.entry());
                                found = true;
                            }
                        }
                        if (!found) {
                            backups.add(c.entry());
                            membershipChanged = true;
                        }
                    }
                    case JournalChange.REMOVE -> {
                        membershipChanged |= backups.removeIf(b -> b.effectiveId().equals(c.id()));
                        addAll(pending, c.pending());
                    }
                    case JournalChange.PENDING -> {
                        addAll(pending, c.pending());
                        if (c.done() != null) {
                            pending.removeAll(c.done());
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown journal change \"" + c.op() + "\"");
                }
            }
        }
        Manifest m = new Manifest(Manifest.FORMAT_VERSION, snapshot.current(), backups, pending, snapshot.extra());
        if (membershipChanged || m.current() == null) {
            m = new Manifest(Manifest.FORMAT_VERSION, m.latest(null).map(BackupEntry::effectiveId).orElse(null),
                    backups, pending, snapshot.extra());
        }
        return m;
    }

    private static void addAll(List<String> pending, List<String> files) {
        if (files != null) {
            files.stream().filter(f -> !pending.contains(f)).forEach(pending::add);
        }
    }

    /** The journal changes that turn {@code before} into {@code after} (entries, pending deletes). */
    static List<JournalChange> diff(Manifest before, Manifest after) {
        Map<String, BackupEntry> old = new HashMap<>();
        before.backups().forEach(b -> old.putIfAbsent(b.effectiveId(), b));
        Map<String, BackupEntry> now = new LinkedHashMap<>();
        after.backups().forEach(b -> now.putIfAbsent(b.effectiveId(), b));
        List<String> added = new ArrayList<>(after.pending());
        added.removeAll(before.pending());
        List<String> done = new ArrayList<>(before.pending());
        done.removeAll(after.pending());

        List<JournalChange> changes = new ArrayList<>();
        for (String id : old.keySet()) {
            if (!now.containsKey(id)) {
                changes.add(JournalChange.remove(id, null));
            }
        }
        now.forEach((id, entry) -> {
            if (!Objects.equals(old.get(id), entry)) {
                changes.add(JournalChange.put(entry));
            }
        });
        if (!added.isEmpty() || !done.isEmpty()) {
            changes.add(JournalChange.pending(added, done));
        }
        return changes;
    }
}
