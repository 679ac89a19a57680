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
 * box matches. Rows are made off the FX thread: the search text (and the date it holds) there, so
 * that filtering as one types only compares; the other columns' texts when first shown or sorted.
 */
public final class BackupRow {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final BackupEntry entry;
    private final boolean fileExists;
    private final Status status;
    private final Long totalRows;
    // Computed on first use; a race only computes the same value twice.
    private OffsetDateTime createdAt;
    private String created;
    private String tags;
    private String lastVerified;
    private String searchText;

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
        this.fileExists = fileExists;
        this.totalRows = totalRows;
        VerificationRecord v = entry.lastVerification();
        this.status = !fileExists ? Status.MISSING : v == null ? Status.NEVER
                : v.outcome() == CheckStatus.FAIL ? Status.FAILED : Status.VERIFIED;
        searchText(); // made here, off the FX thread: the first keystroke in the search box must not make 35,000
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

    /** When the backup was made, parsed once. */
    public OffsetDateTime createdAt() {
        if (createdAt == null) {
            createdAt = entry.createdAt();
        }
        return createdAt;
    }

    public String created() {
        if (created == null) {
            OffsetDateTime at = createdAt();
            created = at.getYear() < 1971 ? "" : at.toLocalDateTime().format(SHOWN);
        }
        return created;
    }

    public String tags() {
        if (tags == null) {
            tags = String.join(", ", entry.tags());
        }
        return tags;
    }

    public String lastVerified() {
        if (lastVerified == null) {
            VerificationRecord v = entry.lastVerification();
            String text = "";
            if (v != null) {
                String when = v.datetime() == null ? "" : v.datetime();
                text = (when.length() > 10 ? when.substring(0, 10) : when) + " (" + v.depth() + ")";
            }
            lastVerified = text;
        }
        return lastVerified;
    }

    public String searchText() {
        if (searchText == null) {
            StringBuilder b = new StringBuilder(160);
            for (String part : new String[] {entry.effectiveId(), entry.database(), entry.description(), tags(), created(),
                    entry.file(), entry.serverVersion(), status.text()}) {
                if (part != null) {
                    b.append(b.isEmpty() ? "" : "\u0000").append(part);
                }
            }
            searchText = b.toString().toLowerCase(Locale.ROOT);
        }
        return searchText;
    }

    public String id() {
        return entry.effectiveId();
    }

    public long sizeBytes() {
        if (entry.sizeBytes() != null) {
            return entry.sizeBytes();
        }
        return entry.sizeMb() == null ? 0 : (long) (entry.sizeMb() * 1048576);
    }

    /** True when the search text appears in any field a person would search by. */
    public boolean matches(String text) {
        return text == null || text.isBlank() || searchText().contains(text.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "BackupRow[" + id() + ", " + status + "]";
    }
}
