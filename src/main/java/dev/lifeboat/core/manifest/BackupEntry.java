package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One backup in the manifest. Field names follow the hand-made manifests DBAs already keep
 * (timestamp, datetime, description, file, size_mb, hash, table_count, backup_type); fields this
 * version does not know are kept in {@link #extra()} and written back unchanged.
 */
public record BackupEntry(
        String id,
        String timestamp,
        String datetime,
        String database,
        String host,
        Integer port,
        String user,
        String description,
        List<String> tags,
        String backupType,
        String file,
        String format,
        Long sizeBytes,
        Double sizeMb,
        String hash,
        String hashAlgorithm,
        Integer tableCount,
        String rowCountMethod,
        List<TableStat> tables,
        String serverVersion,
        Integer serverVersionNum,
        String pgDumpVersion,
        Long databaseSizeBytes,
        Double durationSeconds,
        Integer tocEntries,
        MigrationInfo migration,
        GlobalsInfo globals,
        DatabaseSettings databaseSettings,
        Boolean pinned,
        List<VerificationRecord> verifications,
        List<CopyRecord> copies,
        EncryptionInfo encryption,
        @JsonAnySetter Map<String, Object> extra) {

    public static final String TIMESTAMP_PATTERN = "yyyyMMdd_HHmmss";
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern(TIMESTAMP_PATTERN);

    public BackupEntry {
        tags = tags == null ? List.of() : List.copyOf(tags);
        tables = tables == null ? null : List.copyOf(tables);
        verifications = verifications == null ? List.of() : List.copyOf(verifications);
        copies = copies == null || copies.isEmpty() ? null : List.copyOf(copies);
        extra = extra == null ? new LinkedHashMap<>() : new LinkedHashMap<>(extra);
    }

    /** An entry without off-site copies or encryption: the shape every caller built before issue 13. */
    public BackupEntry(String id, String timestamp, String datetime, String database, String host, Integer port,
                       String user, String description, List<String> tags, String backupType, String file,
                       String format, Long sizeBytes, Double sizeMb, String hash, String hashAlgorithm,
                       Integer tableCount, String rowCountMethod, List<TableStat> tables, String serverVersion,
                       Integer serverVersionNum, String pgDumpVersion, Long databaseSizeBytes, Double durationSeconds,
                       Integer tocEntries, MigrationInfo migration, GlobalsInfo globals,
                       DatabaseSettings databaseSettings, Boolean pinned, List<VerificationRecord> verifications,
                       Map<String, Object> extra) {
        this(id, timestamp, datetime, database, host, port, user, description, tags, backupType, file, format,
                sizeBytes, sizeMb, hash, hashAlgorithm, tableCount, rowCountMethod, tables, serverVersion,
                serverVersionNum, pgDumpVersion, databaseSizeBytes, durationSeconds, tocEntries, migration, globals,
                databaseSettings, pinned, verifications, null, null, extra);
    }

    @Override
    @JsonAnyGetter
    public Map<String, Object> extra() {
        return extra;
    }

    /** The id used on the command line: the recorded one, else what older manifests key on. */
    @JsonIgnore
    public String effectiveId() {
        if (id != null && !id.isBlank()) {
            return id;
        }
        if (timestamp != null && !timestamp.isBlank()) {
            return timestamp;
        }
        return file == null ? "?" : file;
    }

    /** When the backup was taken, read leniently from datetime or timestamp, for ordering. */
    @JsonIgnore
    public OffsetDateTime createdAt() {
        if (datetime != null) {
            OffsetDateTime fast = IsoDates.parse(datetime);
            if (fast != null) {
                return fast;
            }
            try {
                return OffsetDateTime.parse(datetime);
            } catch (DateTimeParseException e) {
                try {
                    return LocalDateTime.parse(datetime).atZone(ZoneId.systemDefault()).toOffsetDateTime();
                } catch (DateTimeParseException ignored) {
                    // fall through to the timestamp
                }
            }
        }
        if (timestamp != null) {
            try {
                return LocalDateTime.parse(timestamp, TIMESTAMP).atZone(ZoneId.systemDefault()).toOffsetDateTime();
            } catch (DateTimeParseException ignored) {
                // an unreadable date sorts first
            }
        }
        return OffsetDateTime.MIN;
    }

    /** Not named isPinned: Jackson would take it for the "pinned" property and, ignored, drop that property. */
    public boolean pinnedOrFalse() {
        return Boolean.TRUE.equals(pinned);
    }

    /** Total rows recorded, or null when the counts are unknown (an imported file). */
    @JsonIgnore
    public Long totalRows() {
        if (tables == null) {
            return null;
        }
        long sum = 0;
        for (TableStat t : tables) {
            if (t.rows() == null) {
                return null;
            }
            sum += t.rows();
        }
        return sum;
    }

    /**
     * The newest verification that judged the backup; one that could not run (scratch server
     * unreachable, tool killed) is kept in the history but is no mark for or against it.
     */
    @JsonIgnore
    public VerificationRecord lastVerification() {
        for (int i = verifications.size() - 1; i >= 0; i--) {
            VerificationRecord v = verifications.get(i);
            if (v.outcome() == null || v.outcome().judged()) {
                return v;
            }
        }
        return null;
    }

    /** The newest verification attempt, including one that could not run. */
    @JsonIgnore
    public VerificationRecord lastAttempt() {
        return verifications.isEmpty() ? null : verifications.get(verifications.size() - 1);
    }

    public BackupEntry withVerification(VerificationRecord record) {
        List<VerificationRecord> list = new ArrayList<>(verifications);
        list.add(record);
        return new BackupEntry(id, timestamp, datetime, database, host, port, user, description, tags, backupType,
                file, format, sizeBytes, sizeMb, hash, hashAlgorithm, tableCount, rowCountMethod, tables,
                serverVersion, serverVersionNum, pgDumpVersion, databaseSizeBytes, durationSeconds, tocEntries,
                migration, globals, databaseSettings, pinned, list, copies, encryption, extra);
    }

    public BackupEntry withPinned(boolean value) {
        return new BackupEntry(id, timestamp, datetime, database, host, port, user, description, tags, backupType,
                file, format, sizeBytes, sizeMb, hash, hashAlgorithm, tableCount, rowCountMethod, tables,
                serverVersion, serverVersionNum, pgDumpVersion, databaseSizeBytes, durationSeconds, tocEntries,
                migration, globals, databaseSettings, value, verifications, copies, encryption, extra);
    }

    /** The off-site copies recorded, never null. */
    @JsonIgnore
    public List<CopyRecord> copyList() {
        return copies == null ? List.of() : copies;
    }

    /** The copy at a destination, if one is recorded. */
    public java.util.Optional<CopyRecord> copyAt(String destination) {
        return copyList().stream().filter(c -> c.destination().equals(destination)).findFirst();
    }

    @JsonIgnore
    public boolean isEncrypted() {
        return encryption != null;
    }

    /** A copy with the copy at that destination replaced (or added); null removes it. */
    public BackupEntry withCopy(String destination, CopyRecord record) {
        List<CopyRecord> list = new ArrayList<>(copyList());
        list.removeIf(c -> c.destination().equals(destination));
        if (record != null) {
            list.add(record);
        }
        return new BackupEntry(id, timestamp, datetime, database, host, port, user, description, tags, backupType,
                file, format, sizeBytes, sizeMb, hash, hashAlgorithm, tableCount, rowCountMethod, tables,
                serverVersion, serverVersionNum, pgDumpVersion, databaseSizeBytes, durationSeconds, tocEntries,
                migration, globals, databaseSettings, pinned, verifications, list, encryption, extra);
    }

    public BackupEntry withEncryption(EncryptionInfo info) {
        return new BackupEntry(id, timestamp, datetime, database, host, port, user, description, tags, backupType,
                file, format, sizeBytes, sizeMb, hash, hashAlgorithm, tableCount, rowCountMethod, tables,
                serverVersion, serverVersionNum, pgDumpVersion, databaseSizeBytes, durationSeconds, tocEntries,
                migration, globals, databaseSettings, pinned, verifications, copies, info, extra);
    }

    /** A copy with other recorded tables; tests use it to make a manifest disagree with a file. */
    public BackupEntry withTables(List<TableStat> newTables) {
        return new BackupEntry(id, timestamp, datetime, database, host, port, user, description, tags, backupType,
                file, format, sizeBytes, sizeMb, hash, hashAlgorithm, newTables == null ? null : newTables.size(),
                rowCountMethod, newTables, serverVersion, serverVersionNum, pgDumpVersion, databaseSizeBytes,
                durationSeconds, tocEntries, migration, globals, databaseSettings, pinned, verifications, copies, encryption,
                extra);
    }

    /** A copy under another id (the manifest gives an added entry a free one). */
    public BackupEntry withId(String newId) {
        return new BackupEntry(newId, timestamp, datetime, database, host, port, user, description, tags, backupType,
                file, format, sizeBytes, sizeMb, hash, hashAlgorithm, tableCount, rowCountMethod, tables,
                serverVersion, serverVersionNum, pgDumpVersion, databaseSizeBytes, durationSeconds, tocEntries,
                migration, globals, databaseSettings, pinned, verifications, extra);
    }
}
