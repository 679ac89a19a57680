package dev.lifeboat.core.manifest;

import java.time.OffsetDateTime;

/**
 * What listing, the app's table and retention planning need of one backup, read from the catalog's
 * index without parsing the whole entry. {@code entry} is a thin copy: no table list, only the last
 * verification without its checks. It is for reading only; {@link ManifestStore#find} gives the
 * whole entry, and changes go through the store's verbs, never by writing a thin copy back.
 */
public record EntrySummary(BackupEntry entry, Long totalRows, long sortKey) {
    public String id() {
        return entry.effectiveId();
    }

    /** The creation instant as a number, for ordering; the least value for an unreadable date. */
    static long sortKeyOf(BackupEntry e) {
        OffsetDateTime at = e.createdAt();
        if (at.getYear() < 1700 || at.getYear() > 2200) {
            return at.getYear() < 1700 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return at.toEpochSecond() * 1_000_000_000L + at.getNano();
    }

    /** The summary of a whole entry. */
    static EntrySummary of(BackupEntry e) {
        return new EntrySummary(e, e.totalRows(), sortKeyOf(e));
    }
}
