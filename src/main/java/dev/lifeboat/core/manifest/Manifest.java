package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The catalog of one backup folder: every backup, and which is current (the newest). Unknown
 * top-level fields of a hand-made manifest are kept.
 */
public record Manifest(Integer formatVersion, String current, List<BackupEntry> backups,
                       List<String> pendingDeletes, @JsonAnySetter Map<String, Object> extra) {
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        backups = backups == null ? List.of() : List.copyOf(backups);
        pendingDeletes = pendingDeletes == null || pendingDeletes.isEmpty() ? null : List.copyOf(pendingDeletes);
        extra = extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
    }

    public static Manifest empty() {
        return new Manifest(FORMAT_VERSION, null, List.of(), null, null);
    }

    @Override
    @JsonAnyGetter
    public Map<String, Object> extra() {
        return extra;
    }

    public Optional<BackupEntry> byId(String id) {
        return backups.stream().filter(b -> b.effectiveId().equals(id)).findFirst();
    }

    /** The newest backup, optionally of one database. */
    public Optional<BackupEntry> latest(String database) {
        return backups.stream()
                .filter(b -> database == null || database.equals(b.database()))
                .max(Comparator.comparing(BackupEntry::createdAt));
    }

    @JsonIgnore
    public List<BackupEntry> newestFirst() {
        // Each date is parsed once, not once per comparison: manifests hold thousands of entries.
        record Keyed(java.time.OffsetDateTime at, BackupEntry entry) {
        }
        List<Keyed> keyed = new ArrayList<>(backups.size());
        for (BackupEntry b : backups) {
            keyed.add(new Keyed(b.createdAt(), b));
        }
        keyed.sort(Comparator.comparing(Keyed::at).reversed());
        List<BackupEntry> list = new ArrayList<>(keyed.size());
        keyed.forEach(k -> list.add(k.entry()));
        return list;
    }

    /** Ids that more than one entry carries (a hand-edited or merged manifest); Lifeboat never writes them. */
    @JsonIgnore
    public List<String> duplicateIds() {
        Map<String, Integer> seen = new LinkedHashMap<>();
        backups.forEach(b -> seen.merge(b.effectiveId(), 1, Integer::sum));
        return seen.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    /**
     * Refuses to act on an id that several entries share: a verification or a removal meant for one
     * of them would silently land on all of them.
     */
    public void requireUniqueId(String id) {
        requireUniqueId(id, backups.stream().filter(b -> b.effectiveId().equals(id)).count());
    }

    static void requireUniqueId(String id, long n) {
        if (n > 1) {
            throw new LifeboatException(ErrorCode.MANIFEST_DAMAGED, n + " entries of the manifest share the id '" + id
                    + "' (a hand-edited or merged manifest?). Nothing was changed. Give each its own \"id\" in "
                    + "backup_manifest.json, then try again.");
        }
    }

    /** Adds an entry; an id already taken gets a suffix, so that ids stay unique. */
    public Manifest withAdded(BackupEntry added) {
        BackupEntry entry = added;
        for (int i = 2; byId(entry.effectiveId()).isPresent(); i++) {
            entry = added.withId(added.effectiveId() + "_" + i);
        }
        List<BackupEntry> list = new ArrayList<>(backups);
        list.add(entry);
        return new Manifest(FORMAT_VERSION, entry.effectiveId(), list, pendingDeletes, extra).withCurrentNewest();
    }

    public Manifest withReplaced(String id, UnaryOperator<BackupEntry> change) {
        requireUniqueId(id);
        List<BackupEntry> list = new ArrayList<>();
        for (BackupEntry b : backups) {
            list.add(b.effectiveId().equals(id) ? change.apply(b) : b);
        }
        return new Manifest(FORMAT_VERSION, current, list, pendingDeletes, extra);
    }

    public Manifest withRemoved(String id) {
        requireUniqueId(id);
        List<BackupEntry> list = new ArrayList<>(backups);
        list.removeIf(b -> b.effectiveId().equals(id));
        return new Manifest(FORMAT_VERSION, current, list, pendingDeletes, extra).withCurrentNewest();
    }

    /** Files whose entries are gone and which are being deleted; a later run finishes them. */
    @JsonIgnore
    public List<String> pending() {
        return pendingDeletes == null ? List.of() : pendingDeletes;
    }

    /** Removes the entry and, in the same write, records its files as pending deletes. */
    public Manifest withRemovedPendingFiles(String id, List<String> files) {
        List<String> pending = new ArrayList<>(pending());
        files.stream().filter(f -> !pending.contains(f)).forEach(pending::add);
        return new Manifest(FORMAT_VERSION, current, backups, pending, extra).withRemoved(id);
    }

    public Manifest withoutPending(List<String> done) {
        List<String> pending = new ArrayList<>(pending());
        pending.removeAll(done);
        return new Manifest(FORMAT_VERSION, current, backups, pending, extra);
    }

    private Manifest withCurrentNewest() {
        String newest = latest(null).map(BackupEntry::effectiveId).orElse(null);
        return new Manifest(FORMAT_VERSION, newest, backups, pendingDeletes, extra);
    }
}
