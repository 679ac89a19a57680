package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.EntrySummary;
import dev.lifeboat.core.manifest.VerificationRecord;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One line of the manifest table: an entry, whether its file is on disk, and the texts the
 * columns show and the search box matches, computed once when the manifest is read (off the FX
 * thread) rather than on every sort, filter or repaint.
 */
public record BackupRow(BackupEntry entry, boolean fileExists, Status status, String created, String tags,
                        String lastVerified, String searchText, Long totalRows) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

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

    public static BackupRow of(BackupEntry entry, boolean fileExists) {
        return of(entry, fileExists, entry.totalRows());
    }

    /**
     * A row from a summary: its entry is thin (no table list), so the row count comes with it; the
     * whole entry is read on demand ({@link ManifestModel#full}).
     */
    public static BackupRow of(EntrySummary summary, boolean fileExists) {
        return of(summary.entry(), fileExists, summary.totalRows());
    }

    private static BackupRow of(BackupEntry entry, boolean fileExists, Long totalRows) {
        VerificationRecord v = entry.lastVerification();
        Status status = !fileExists ? Status.MISSING : v == null ? Status.NEVER
                : v.outcome() == CheckStatus.FAIL ? Status.FAILED : Status.VERIFIED;
        OffsetDateTime at = entry.createdAt();
        String created = at.getYear() < 1971 ? "" : at.toLocalDateTime().format(SHOWN);
        String tags = String.join(", ", entry.tags());
        String verified = "";
        if (v != null) {
            String when = v.datetime() == null ? "" : v.datetime();
            verified = (when.length() > 10 ? when.substring(0, 10) : when) + " (" + v.depth() + ")";
        }
        String search = Stream.of(entry.effectiveId(), entry.database(), entry.description(), tags, created, entry.file(),
                        entry.serverVersion(), status.text())
                .filter(x -> x != null).collect(Collectors.joining("\u0000")).toLowerCase(Locale.ROOT);
        return new BackupRow(entry, fileExists, status, created, tags, verified, search, totalRows);
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
        return text == null || text.isBlank() || searchText.contains(text.strip().toLowerCase(Locale.ROOT));
    }
}
