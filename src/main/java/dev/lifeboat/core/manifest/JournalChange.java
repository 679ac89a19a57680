package dev.lifeboat.core.manifest;

import java.util.List;

/**
 * One change in the catalog's journal. "put" records a whole entry (new, or replacing the one with
 * its id); "remove" drops an entry and, in the same change, names its files as pending deletes;
 * "pending" adds files to or clears them from the pending deletes. Each is idempotent, so replaying
 * a journal over a snapshot that already holds it changes nothing.
 */
public record JournalChange(String op, BackupEntry entry, String id, List<String> pending, List<String> done) {
    static final String PUT = "put";
    static final String REMOVE = "remove";
    static final String PENDING = "pending";

    public static JournalChange put(BackupEntry entry) {
        return new JournalChange(PUT, entry, null, null, null);
    }

    public static JournalChange remove(String id, List<String> pendingFiles) {
        return new JournalChange(REMOVE, null, id, pendingFiles == null || pendingFiles.isEmpty() ? null
                : List.copyOf(pendingFiles), null);
    }

    public static JournalChange pending(List<String> added, List<String> done) {
        return new JournalChange(PENDING, null, null, added == null || added.isEmpty() ? null : List.copyOf(added),
                done == null || done.isEmpty() ? null : List.copyOf(done));
    }
}
