package dev.lifeboat.core.retention;

import dev.lifeboat.core.manifest.RetentionFacts;

import java.util.List;
import java.util.Objects;

/**
 * Whether one backup stays, and every reason it stays (or why it goes). A class, not a record: a plan over
 * the catalog's facts names each backup through its facts, whose id, date and file are decoded only when
 * asked for (a prune over 35,000 backups names the few it deletes; issue 15). Equal as a record is.
 */
public final class RetentionDecision {
    private final RetentionFacts facts;
    private final String backupId;
    private final String database;
    private final String created;
    private final String file;
    private final boolean keep;
    private final List<String> reasons;

    public RetentionDecision(String backupId, String database, String created, String file, boolean keep,
                             List<String> reasons) {
        this(null, backupId, database, created, file, keep, reasons);
    }

    /** The decision on the backup these facts describe, naming it by them. */
    RetentionDecision(RetentionFacts facts, boolean keep, List<String> reasons) {
        // The fields set here, not through the constructor below: a plan makes one per backup, 35,000 in a cold
        // JVM, where each nested constructor call costs (issue 15).
        this.facts = facts;
        this.backupId = null;
        this.database = facts.database();
        this.created = null;
        this.file = null;
        this.keep = keep;
        this.reasons = reasons;
    }

    private RetentionDecision(RetentionFacts facts, String backupId, String database, String created, String file,
                              boolean keep, List<String> reasons) {
        this.facts = facts;
        this.backupId = backupId;
        this.database = database;
        this.created = created;
        this.file = file;
        this.keep = keep;
        this.reasons = reasons;
    }

    public String backupId() {
        return facts == null ? backupId : facts.id();
    }

    public String database() {
        return database;
    }

    public String created() {
        return facts == null ? created : facts.datetime();
    }

    public String file() {
        return facts == null ? file : facts.file();
    }

    public boolean keep() {
        return keep;
    }

    public List<String> reasons() {
        return reasons;
    }

    // Written out, not a record's: those are bootstrapped through method handles on first use (issue 15).
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RetentionDecision d)) {
            return false;
        }
        return keep == d.keep && Objects.equals(backupId(), d.backupId()) && Objects.equals(database, d.database)
                && Objects.equals(created(), d.created()) && Objects.equals(file(), d.file())
                && Objects.equals(reasons, d.reasons);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(backupId()) * 31 + (keep ? 1 : 0);
    }

    @Override
    public String toString() {
        return new StringBuilder("RetentionDecision[backupId=").append(backupId()).append(", database=").append(database)
                .append(", created=").append(created()).append(", file=").append(file()).append(", keep=").append(keep)
                .append(", reasons=").append(reasons).append(']').toString();
    }
}
