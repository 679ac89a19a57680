package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.archive.ArchiveInspector;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.crypto.AgeFiles;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The archives a restore service reads: an encrypted backup's private decrypted copy, kept until the
 * plan or restore ends, and tables of contents read once per file version.
 */
final class RestoreArchives {
    private final ManifestStore store;
    private final PgToolLocator tools;
    private final Path identity;
    private final Map<String, ArchiveToc> tocs = new ConcurrentHashMap<>();
    /** Encrypted backups decrypted for this plan or restore; removed when it ends. */
    private final Map<String, Path> plaintexts = new ConcurrentHashMap<>();

    RestoreArchives(ManifestStore store, PgToolLocator tools, Path identity) {
        this.store = store;
        this.tools = tools;
        this.identity = identity;
    }

    /** The archive pg_restore reads: the file itself, or for an encrypted backup its private decrypted copy. */
    Path archiveOf(BackupEntry entry, CancelToken cancel) {
        if (!entry.isEncrypted()) {
            return store.fileOf(entry);
        }
        return plaintexts.computeIfAbsent(entry.effectiveId(),
                id -> AgeFiles.decryptToTemporary(entry, store.fileOf(entry), identity, cancel));
    }

    void discardPlaintexts() {
        plaintexts.values().forEach(AgeFiles::deleteQuietly);
        plaintexts.clear();
    }

    /**
     * The planner's table-of-contents reader, which reads the decrypted copy of an encrypted backup.
     * For a whole restore the plan needs only the owners and grantees of what pg_restore will run:
     * read in-process, without starting pg_restore --list (its 6,000 lines for 2,000 tables parsed
     * before the restore starts); a selective restore needs the list's lines for its -L file.
     */
    java.util.function.BiFunction<Path, CancelToken, ArchiveToc> tocReader(BackupEntry entry, boolean wholeArchive) {
        return (file, cancel) -> {
            Path archive = entry.isEncrypted() ? archiveOf(entry, cancel) : file;
            if (wholeArchive) {
                Optional<ArchiveToc> read = ArchiveInspector.restoredByDefault(archive);
                if (read.isPresent()) {
                    return read.get();
                }
            }
            return toc(archive, cancel);
        };
    }

    /**
     * An archive's table of contents, read by pg_restore once per file version: the plan, its
     * preflight again at restore time and a selective restore's list all need it.
     */
    ArchiveToc toc(Path file, CancelToken cancel) {
        String key;
        try {
            key = file.toAbsolutePath() + "|" + Files.size(file) + "|" + Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            key = null;
        }
        ArchiveToc cached = key == null ? null : tocs.get(key);
        if (cached != null) {
            return cached;
        }
        // exact names, and the dependencies that say what a selected table brings
        ArchiveToc toc = ArchiveInspector.withExactEntries(
                new ArchiveInspector(tools.require(PgTool.PG_RESTORE, 0)).list(file, cancel), file);
        if (key != null) {
            if (tocs.size() >= 8) {
                tocs.clear(); // the app keeps one service open for a long time: a few recent archives suffice
            }
            tocs.put(key, toc);
        }
        return toc;
    }
}
