package dev.lifeboat.core.manifest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What retention and the health check decide on for one backup, read from the index line's few fields
 * (no summary, no whole entry): a prune or a health check over 35,000 backups reads these and parses
 * whole entries only for the few they act on.
 * {@code verified}: its last verification did not fail (as {@code lastVerification} judges);
 * {@code copies}: each off-site copy's destination and state only;
 * {@code failed}: its last verification failed;
 * {@code verifiedAt}: when its last verification passed (or warned), in epoch seconds, {@link #NEVER} when
 * it has none, failed, or its date is unreadable;
 * {@code sizeBytes}: the backup's size, null when unknown; {@code rolesFile}: its saved roles' file or null.
 */
public record RetentionFacts(String id, String database, String datetime, String file, long sortKey, boolean pinned,
                             boolean verified, List<CopyRecord> copies, boolean failed, long verifiedAt, Long sizeBytes,
                             String rolesFile) {
    /** {@link #verifiedAt} of a backup without a successful verification. */
    public static final long NEVER = Long.MIN_VALUE;

    /**
     * {@link #verifiedAt} from the last verification's outcome and date (as the index holds them); an
     * unreadable date counts as none.
     */
    static long verifiedAt(CheckStatus outcome, String datetime) {
        if (outcome == CheckStatus.FAIL || outcome == CheckStatus.NOT_RUN || datetime == null) {
            return NEVER;
        }
        OffsetDateTime at = IsoDates.parse(datetime);
        try {
            return (at != null ? at : OffsetDateTime.parse(datetime)).toEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            return NEVER;
        }
    }

    /** When the backup was taken; from the sort key (no date parsing) unless the date was unreadable. */
    public OffsetDateTime createdAt() {
        if (sortKey == Long.MIN_VALUE || sortKey == Long.MAX_VALUE) {
            // Outside the years a sort key holds, or unreadable (then the least date, as BackupEntry has it).
            OffsetDateTime at = datetime == null ? null : IsoDates.parse(datetime);
            try {
                return at != null ? at : datetime != null ? OffsetDateTime.parse(datetime) : OffsetDateTime.MIN;
            } catch (java.time.format.DateTimeParseException e) {
                return sortKey == Long.MIN_VALUE ? OffsetDateTime.MIN : OffsetDateTime.MAX;
            }
        }
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Math.floorDiv(sortKey, 1_000_000_000L),
                Math.floorMod(sortKey, 1_000_000_000L)), ZoneOffset.UTC);
    }

    /** The facts of a whole (or thin) entry: journal entries, hand-made entries without an id, tests. */
    public static RetentionFacts of(BackupEntry e) {
        VerificationRecord v = e.lastVerification();
        List<CopyRecord> copies = new ArrayList<>(e.copyList().size());
        for (CopyRecord c : e.copyList()) { // a loop, not a stream: a cold prune's first stream costs (issue 15)
            copies.add(new CopyRecord(c.destination(), null, null, null, null, null, c.state(), null));
        }
        return new RetentionFacts(e.effectiveId(), e.database(), e.datetime(), e.file(), EntrySummary.sortKeyOf(e),
                e.pinnedOrFalse(), v != null && v.outcome() != CheckStatus.FAIL,
                copies.isEmpty() ? List.of() : Collections.unmodifiableList(copies),
                v != null && v.outcome() == CheckStatus.FAIL, v == null ? NEVER : verifiedAt(v.outcome(), v.datetime()),
                e.sizeBytes(), e.globals() == null ? null : e.globals().file());
    }
}
