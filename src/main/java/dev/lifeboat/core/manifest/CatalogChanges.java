package dev.lifeboat.core.manifest;

import java.util.List;

/**
 * What a follower of the catalog (the app's table) learns on a poll: either every summary, newest
 * first ({@code whole}), or only the journal changes committed since its cursor. Pass {@code cursor}
 * to the next {@link ManifestStore#changesSince} call.
 */
public record CatalogChanges(boolean whole, List<EntrySummary> summaries, List<JournalChange> changes, Cursor cursor) {
    /** Where a follower has read up to: the snapshot version and the journal's committed prefix. */
    public record Cursor(String snapshot, long journalEnd, long journalCrc) {
    }

    public boolean isEmpty() {
        return !whole && changes.isEmpty();
    }
}
