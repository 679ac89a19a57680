package dev.lifeboat.core.retention;

import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * What a local prune does with the off-site copies of a backup it removes. The destination
 * package supplies the real one; a folder without destinations needs {@link #NONE}.
 */
public interface OffsiteCopies {
    /** Finishes remote deletes an interrupted prune left marked; returns how many it finished. */
    int finishPending();

    /** The reason to keep the entry when a destination's own policy keeps its copy, else empty. */
    Optional<String> keptBy(String backupId, OffsetDateTime now);

    /**
     * Removes every copy of the backup, crash-safely (mark, delete, forget), before the entry goes.
     * Returns why a copy could not be removed (an unreachable destination), else empty.
     */
    Optional<String> removeAll(String backupId);

    OffsiteCopies NONE = new OffsiteCopies() {
        @Override
        public int finishPending() {
            return 0;
        }

        @Override
        public Optional<String> keptBy(String backupId, OffsetDateTime now) {
            return Optional.empty();
        }

        @Override
        public Optional<String> removeAll(String backupId) {
            return Optional.empty();
        }
    };
}
