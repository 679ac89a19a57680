package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.VerificationRecord;

import java.time.format.DateTimeFormatter;

/** One line of the manifest table: an entry and whether its file is on disk. */
public record BackupRow(BackupEntry entry, boolean fileExists) {
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

    public Status status() {
        if (!fileExists) {
            return Status.MISSING;
        }
        VerificationRecord v = entry.lastVerification();
        if (v == null) {
            return Status.NEVER;
        }
        return v.outcome() == CheckStatus.FAIL ? Status.FAILED : Status.VERIFIED;
    }

    public String id() {
        return entry.effectiveId();
    }

    public String created() {
        return entry.createdAt().getYear() < 1971 ? "" : entry.createdAt().toLocalDateTime().format(SHOWN);
    }

    public String lastVerified() {
        VerificationRecord v = entry.lastVerification();
        if (v == null) {
            return "";
        }
        String when = v.datetime() == null ? "" : v.datetime();
        return (when.length() > 10 ? when.substring(0, 10) : when) + " (" + v.depth() + ")";
    }

    public String tags() {
        return String.join(", ", entry.tags());
    }

    public long sizeBytes() {
        if (entry.sizeBytes() != null) {
            return entry.sizeBytes();
        }
        return entry.sizeMb() == null ? 0 : (long) (entry.sizeMb() * 1048576);
    }

    /** True when the search text appears in any field a person would search by. */
    public boolean matches(String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String t = text.toLowerCase();
        return contains(id(), t) || contains(entry.database(), t) || contains(entry.description(), t)
                || contains(tags(), t) || contains(created(), t) || contains(entry.file(), t)
                || contains(entry.serverVersion(), t) || contains(status().text(), t);
    }

    private static boolean contains(String field, String t) {
        return field != null && field.toLowerCase().contains(t);
    }
}
