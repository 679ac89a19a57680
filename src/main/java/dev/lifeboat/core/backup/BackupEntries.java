package dev.lifeboat.core.backup;

import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.backup.SnapshotReads.SnapshotFacts;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.EncryptionInfo;
import dev.lifeboat.core.manifest.GlobalsInfo;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.ServerInfo;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/** A backup's manifest entry, and a draft of it written beside pg_dump so that its first real write is quick. */
final class BackupEntries {
    /** Logged under BackupService's name, as the rest of a backup. */
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);

    private BackupEntries() {
    }

    /** The manifest entry of a finished backup. */
    static BackupEntry entry(BackupRequest request, OffsetDateTime now, Path finalFile, DirectoryDump.Result folder,
                             long size, String hash, SnapshotFacts read, ServerInfo server, String pgDumpVersion,
                             double seconds, Integer tocEntries, GlobalsInfo globals, List<String> recipients) {
        ConnectionSpec conn = request.connection();
        return new BackupEntry(BackupFileClaim.stem(finalFile), now.format(BackupEntry.TIMESTAMP),
                now.toString(), conn.database(), conn.host(), conn.port(), conn.user(), request.description(),
                request.tags(), request.tags().get(0), finalFile.getFileName().toString(),
                folder != null ? BackupFormat.DIRECTORY_LABEL : "custom", size,
                Sizes.megabytes(size), hash, "SHA-256", read.tables().size(),
                request.estimatedCounts() ? "estimated" : "exact", read.tables(), server.version(),
                server.versionNum(), pgDumpVersion, read.databaseSize(),
                Math.round(seconds * 100) / 100.0, tocEntries, read.migration(), globals, read.settings(),
                false, List.of(), withFiles(read.extra(), folder))
                .withEncryption(recipients.isEmpty() ? null : new EncryptionInfo(EncryptionInfo.AGE, recipients));
    }

    /**
     * Writes (and drops) a draft of the entry, with every part a real one has, so that Jackson has built
     * the serializers the manifest's commit will use; a failure here only means the commit builds them.
     */
    static void prepareWriting(BackupRequest request, OffsetDateTime now, ServerInfo server, SnapshotFacts read) {
        try {
            GlobalsInfo globals = new GlobalsInfo("draft.globals.sql", 0L, "", null);
            Json.MAPPER.writeValueAsBytes(entry(request, now, Path.of("draft.dump"), null, 0, "", read, server,
                    server.version(), 0, 0, globals, List.of("age1draft")));
        } catch (IOException | RuntimeException e) {
            LOG.debug("The manifest entry's draft was not written: {}", e.toString());
        }
    }

    /** The entry's extra fields and, for a directory backup, each file's SHA-256. */
    static Map<String, Object> withFiles(Map<String, Object> extra, DirectoryDump.Result folder) {
        if (folder == null) {
            return extra;
        }
        Map<String, Object> all = extra == null ? new java.util.LinkedHashMap<>() : new java.util.LinkedHashMap<>(extra);
        all.put(ArchiveFiles.MANIFEST_KEY, folder.files());
        return all;
    }
}
