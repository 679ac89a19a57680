package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code backup_manifest.json} read whole as JSON: the full load, the format check, the message for a
 * damaged file and putting its {@code .bak} back. Split out of {@link ManifestStore}, which answers for it.
 */
final class SnapshotJson {
    private final ManifestStore store;
    private final Path folder;

    SnapshotJson(ManifestStore store) {
        this.store = store;
        this.folder = store.folder();
    }

    /** See {@link ManifestStore#load()}. */
    Manifest load() {
        // The journal first: a compaction between the two reads then only means replaying changes the
        // snapshot already holds, which changes nothing.
        CatalogJournal.Read journal = CatalogJournal.read(store.journalFile(), 0);
        Path file = store.manifestFile();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return ManifestJournalReplay.apply(Manifest.empty(), journal);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the manifest " + file + ": "
                    + e.getMessage() + ". Check that the backup folder is readable.", e);
        }
        return ManifestJournalReplay.apply(parse(bytes, file), journal);
    }

    private Manifest parse(byte[] bytes, Path file) {
        try {
            if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                throw new JsonProcessingException("the file is empty") { };
            }
            Manifest m = Json.MAPPER.readValue(bytes, Manifest.class);
            checkFormat(m.formatVersion(), file);
            return m;
        } catch (IOException e) {
            throw damaged(file, e);
        }
    }

    static void checkFormat(Object formatVersion, Path file) {
        if (formatVersion instanceof Number n && n.intValue() > Manifest.FORMAT_VERSION) {
            throw new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "The manifest " + file + " was written by a "
                    + "newer Lifeboat (format " + n + "). Update Lifeboat to use this folder.");
        }
    }

    LifeboatException damaged(Path file, IOException e) {
        String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                ? " (line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr() + ")"
                : "";
        boolean haveCopy = Files.isRegularFile(store.backupCopy());
        String bak = haveCopy
                ? " The previous version is kept at " + store.backupCopy() + ": put it back in place of the damaged file."
                : " No previous version (.bak) exists: move the damaged file away and rebuild the catalog from the "
                + "backup files in the folder.";
        return new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "The manifest " + file + " is damaged and "
                + "cannot be read" + where + ". Nothing was changed." + bak,
                haveCopy ? Remedy.RESTORE_MANIFEST_COPY : Remedy.REBUILD_CATALOG, e);
    }

    /** Replaces a damaged manifest with its .bak copy, keeping the damaged one aside. */
    Path restoreBackupCopy() {
        Path bak = store.backupCopy();
        if (!Files.isRegularFile(bak)) {
            throw new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "There is no " + bak.getFileName() + " in " + folder
                    + " to restore from.");
        }
        try {
            parse(Files.readAllBytes(bak), bak);
            Path aside = folder.resolve(ManifestStore.FILE_NAME + ".damaged-" + System.currentTimeMillis());
            if (Files.exists(store.manifestFile())) {
                Files.copy(store.manifestFile(), aside);
            }
            SafeFiles.writeAtomically(store.manifestFile(), Files.readAllBytes(bak));
            return aside;
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot restore the manifest from " + bak + ": " + e.getMessage(), e);
        }
    }
}
