package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.EntrySummary;
import dev.lifeboat.core.manifest.VerificationRecord;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One line of the manifest table: an entry (for a folder's rows a thin summary, see
 * {@link EntrySummary}), whether its file is on disk, and the texts the columns show and the search
 * box matches. Rows are made off the FX thread, with every text and sort key a column needs, so that
 * sorting and filtering on the FX thread only compare.
 */
public final class BackupRow {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final BackupEntry entry;
    private final String id;
    private final boolean fileExists;
    private final Status status;
    private final Long totalRows;
    // The columns' texts and sort keys, made once off the FX thread (rows are made in the background):
    // a sort of 35,000 rows compares plain fields, and filtering as one types only compares text.
    private final OffsetDateTime createdAt;
    private final long createdKey;
    private final String created;
    private final String tags;
    private final String lastVerified;
    private final String server;
    private final String searchText;
    /** The Copies column's text, made on first use (by any thread: the same text each time). */
    private volatile String copies;

    /** What the status column says, in words that sort sensibly. */
    public enum Status {
        VERIFIED("\u2714 verified"), FAILED("\u2716 failed"), NEVER("\u25CB never verified"), MISSING("\u26A0 file missing");

        private final String text;

        Status(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private BackupRow(BackupEntry entry, boolean fileExists, Long totalRows) {
        this.entry = entry;
        this.id = entry.effectiveId();
        this.fileExists = fileExists;
        this.totalRows = totalRows;
        VerificationRecord v = entry.lastVerification();
        this.status = !fileExists ? Status.MISSING : v == null ? Status.NEVER
                : v.outcome() == CheckStatus.FAIL ? Status.FAILED : Status.VERIFIED;
        this.createdAt = entry.createdAt();
        this.createdKey = createdAt.getYear() < 1700 || createdAt.getYear() > 2200
                ? (createdAt.getYear() < 1700 ? Long.MIN_VALUE : Long.MAX_VALUE)
                : createdAt.toEpochSecond() * 1_000_000_000L + createdAt.getNano();
        this.created = createdAt.getYear() < 1971 ? "" : createdAt.toLocalDateTime().format(SHOWN);
        this.tags = String.join(", ", entry.tags());
        this.lastVerified = lastVerifiedText(v);
        this.server = entry.serverVersion() == null ? "" : entry.serverVersion().split(" ")[0];
        this.searchText = searchTextOf();
    }

    public static BackupRow of(BackupEntry entry, boolean fileExists) {
        return new BackupRow(entry, fileExists, entry.totalRows());
    }

    /**
     * A row from a summary: its entry is thin (no table list), so the row count comes with it; the
     * whole entry is read on demand ({@link ManifestModel#full}).
     */
    public static BackupRow of(EntrySummary summary, boolean fileExists) {
        return new BackupRow(summary.entry(), fileExists, summary.totalRows());
    }

    public BackupEntry entry() {
        return entry;
    }

    public boolean fileExists() {
        return fileExists;
    }

    public Status status() {
        return status;
    }

    public Long totalRows() {
        return totalRows;
    }

    /** Rows as a sort key: none first. */
    long rowsKey() {
        return totalRows == null ? Long.MIN_VALUE : totalRows;
    }

    /** Tables as a sort key: none first. */
    long tablesKey() {
        return entry.tableCount() == null ? Long.MIN_VALUE : entry.tableCount();
    }

    /** When the backup was made, parsed once. */
    public OffsetDateTime createdAt() {
        return createdAt;
    }

    /** The creation instant as a number: the Created column sorts by the instant, not by the text. */
    public long createdKey() {
        return createdKey;
    }

    public String created() {
        return created;
    }

    public String tags() {
        return tags;
    }

    public String lastVerified() {
        return lastVerified;
    }

    /** The server's version number alone ("15.15" of "15.15 (Debian 15.15-1)"). */
    public String server() {
        return server;
    }

    private static String lastVerifiedText(VerificationRecord v) {
        if (v == null) {
            return "";
        }
        String when = v.datetime() == null ? "" : v.datetime();
        return (when.length() > 10 ? when.substring(0, 10) : when) + " (" + v.depth() + ")";
    }

    public String searchText() {
        return searchText;
    }

    private String searchTextOf() {
        StringBuilder b = new StringBuilder(160);
        for (String part : new String[] {entry.effectiveId(), entry.database(), entry.description(), tags, created,
                entry.file(), entry.serverVersion(), status.text()}) {
            if (part != null) {
                b.append(b.isEmpty() ? "" : "\u0000").append(part);
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /**
     * The Copies column's text, made by {@code make} the first time and kept with the row: a sort by
     * Copies, on any thread, reads a field instead of a shared cache (a changed entry comes as a new row).
     */
    public String copiesText(java.util.function.Function<BackupRow, String> make) {
        String c = copies;
        if (c == null) {
            c = make.apply(this);
            copies = c;
        }
        return c;
    }

    public String id() {
        return id;
    }

    public long sizeBytes() {
        if (entry.sizeBytes() != null) {
            return entry.sizeBytes();
        }
        return entry.sizeMb() == null ? 0 : (long) (entry.sizeMb() * 1048576);
    }

    /** True when the search text appears in any field a person would search by. */
    public boolean matches(String text) {
        return text == null || text.isBlank() || searchText.contains(text.strip().toLowerCase(Locale.ROOT));
    }

    /** True when the already stripped, lower-case text appears: what the search box calls per row. */
    boolean matchesLowerCase(String lower) {
        return lower.isEmpty() || searchText.contains(lower);
    }

    @Override
    public String toString() {
        return "BackupRow[" + id() + ", " + status + "]";
    }
}
