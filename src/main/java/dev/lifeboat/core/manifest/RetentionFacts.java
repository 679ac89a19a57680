package dev.lifeboat.core.manifest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

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
 * A class, not a record: facts read from the facts file decode their four strings (id, date, file, roles
 * file) only when one is asked for, and a prune asks for them only for the backups it names or deletes: 35,000
 * records' strings were a tenth of a cold prune (issue 15, decision 007's seventh round). Equal as a record is.
 */
public final class RetentionFacts {
    /** {@link #verifiedAt} of a backup without a successful verification. */
    public static final long NEVER = Long.MIN_VALUE;

    private final String database;
    private final long sortKey;
    private final boolean pinned;
    private final boolean verified;
    private final List<CopyRecord> copies;
    private final boolean failed;
    private final long verifiedAt;
    // The size as a long and whether there is one, boxed only when asked for: 35,000 Longs were made per read.
    private final long size;
    private final boolean sized;
    private final int idHash;
    /** The facts file's bytes and where this record's four length-prefixed strings start; null when given. */
    private final byte[] source;
    private final int stringsAt;
    /** The four strings once known (final fields: safely shared between threads without a lock). */
    private Strings strings;

    private static final class Strings {
        private final String id;
        private final String datetime;
        private final String file;
        private final String rolesFile;

        Strings(String id, String datetime, String file, String rolesFile) {
            this.id = id;
            this.datetime = datetime;
            this.file = file;
            this.rolesFile = rolesFile;
        }
    }

    public RetentionFacts(String id, String database, String datetime, String file, long sortKey, boolean pinned,
                          boolean verified, List<CopyRecord> copies, boolean failed, long verifiedAt, Long sizeBytes,
                          String rolesFile) {
        this(null, 0, id == null ? 0 : id.hashCode(), database, sortKey, pinned, verified, copies, failed, verifiedAt,
                sizeBytes == null ? 0 : sizeBytes, sizeBytes != null);
        this.strings = new Strings(id, datetime, file, rolesFile);
    }

    /**
     * Facts whose strings stay in {@code source} at {@code stringsAt} (id, date, file, roles file, each an int
     * length, -1 for null, and UTF-8 bytes) until asked for; {@code idHash} is the id's {@link String#hashCode}.
     */
    RetentionFacts(byte[] source, int stringsAt, int idHash, String database, long sortKey, boolean pinned,
                   boolean verified, List<CopyRecord> copies, boolean failed, long verifiedAt, long size, boolean sized) {
        this.source = source;
        this.stringsAt = stringsAt;
        this.idHash = idHash;
        this.database = database;
        this.sortKey = sortKey;
        this.pinned = pinned;
        this.verified = verified;
        this.copies = copies;
        this.failed = failed;
        this.verifiedAt = verifiedAt;
        this.size = sized ? size : 0; // one value without a size, so equals may compare both fields
        this.sized = sized;
    }

    public String id() {
        return strings().id;
    }

    public String database() {
        return database;
    }

    public String datetime() {
        return strings().datetime;
    }

    public String file() {
        return strings().file;
    }

    public long sortKey() {
        return sortKey;
    }

    public boolean pinned() {
        return pinned;
    }

    public boolean verified() {
        return verified;
    }

    public List<CopyRecord> copies() {
        return copies;
    }

    public boolean failed() {
        return failed;
    }

    public long verifiedAt() {
        return verifiedAt;
    }

    public Long sizeBytes() {
        return sized ? Long.valueOf(size) : null;
    }

    public String rolesFile() {
        return strings().rolesFile;
    }

    /** The id's {@link String#hashCode} (0 without an id), known without decoding the id. */
    public int idHash() {
        return idHash;
    }

    private Strings strings() {
        Strings s = strings;
        if (s == null) {
            int[] at = {stringsAt};
            s = new Strings(string(at), string(at), string(at), string(at));
            strings = s; // decoded twice at worst by two threads, to equal values
        }
        return s;
    }

    private String string(int[] at) {
        byte[] b = source;
        int i = at[0];
        int n = (b[i] & 0xff) << 24 | (b[i + 1] & 0xff) << 16 | (b[i + 2] & 0xff) << 8 | b[i + 3] & 0xff;
        at[0] = i + 4 + Math.max(n, 0);
        return n < 0 ? null : new String(b, i + 4, n, java.nio.charset.StandardCharsets.UTF_8);
    }

    // Written out, not a record's: a record's equals, hashCode and toString are bootstrapped through method
    // handles on first use, which a cold JVM pays for (issue 15).
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RetentionFacts f)) {
            return false;
        }
        return sortKey == f.sortKey && pinned == f.pinned && verified == f.verified && failed == f.failed
                && verifiedAt == f.verifiedAt && Objects.equals(database, f.database) && Objects.equals(copies, f.copies)
                && sized == f.sized && size == f.size && Objects.equals(id(), f.id())
                && Objects.equals(datetime(), f.datetime()) && Objects.equals(file(), f.file())
                && Objects.equals(rolesFile(), f.rolesFile());
    }

    @Override
    public int hashCode() {
        return idHash * 31 + Long.hashCode(sortKey);
    }

    @Override
    public String toString() {
        return new StringBuilder("RetentionFacts[id=").append(id()).append(", database=").append(database)
                .append(", datetime=").append(datetime()).append(", file=").append(file()).append(", sortKey=")
                .append(sortKey).append(", pinned=").append(pinned).append(", verified=").append(verified)
                .append(", copies=").append(copies).append(", failed=").append(failed).append(", verifiedAt=")
                .append(verifiedAt).append(", sizeBytes=").append(sizeBytes()).append(", rolesFile=").append(rolesFile())
                .append(']').toString();
    }

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
            String datetime = datetime();
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
