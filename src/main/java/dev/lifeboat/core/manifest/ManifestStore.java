package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * Reads and writes {@code backup_manifest.json} of one backup folder. Every change is a
 * read-modify-write under an OS file lock (so the desktop app and a scheduled CLI run lose nothing)
 * and lands atomically, keeping the previous version as {@code .bak}. A damaged manifest is never
 * overwritten.
 */
public final class ManifestStore {
    public static final String FILE_NAME = "backup_manifest.json";
    private static final Map<Path, ReentrantLock> IN_PROCESS_LOCKS = new ConcurrentHashMap<>();

    private final Path folder;

    public ManifestStore(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    public Path manifestFile() {
        return folder.resolve(FILE_NAME);
    }

    public Path backupCopy() {
        return folder.resolve(FILE_NAME + ".bak");
    }

    private Path lockFile() {
        return folder.resolve("." + FILE_NAME + ".lock");
    }

    /** The backup file an entry points at. */
    public Path fileOf(BackupEntry entry) {
        return folder.resolve(entry.file());
    }

    /** The manifest as it is on disk now; an empty one when the folder has none yet. */
    public Manifest load() {
        Path file = manifestFile();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Manifest.empty();
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the manifest " + file + ": "
                    + e.getMessage() + ". Check that the backup folder is readable.", e);
        }
        return parse(bytes, file);
    }

    private Manifest parse(byte[] bytes, Path file) {
        try {
            if (bytes.length == 0 || new String(bytes, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                throw new JsonProcessingException("the file is empty") { };
            }
            Manifest m = Json.MAPPER.readValue(bytes, Manifest.class);
            if (m.formatVersion() != null && m.formatVersion() > Manifest.FORMAT_VERSION) {
                throw new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "The manifest " + file + " was written by a "
                        + "newer Lifeboat (format " + m.formatVersion() + "). Update Lifeboat to use this folder.");
            }
            return m;
        } catch (IOException e) {
            String where = e instanceof JsonProcessingException jpe && jpe.getLocation() != null
                    ? " (line " + jpe.getLocation().getLineNr() + ", column " + jpe.getLocation().getColumnNr() + ")"
                    : "";
            String bak = Files.isRegularFile(backupCopy())
                    ? " The previous version is kept at " + backupCopy() + ": run 'lifeboat manifest restore-backup' "
                    + "or copy it over the damaged file."
                    : " No previous version (.bak) exists: move the damaged file away and run 'lifeboat import' on "
                    + "the folder to rebuild the catalog from the backup files.";
            throw new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "The manifest " + file + " is damaged and "
                    + "cannot be read" + where + ". Nothing was changed." + bak, e);
        }
    }

    /**
     * Applies a change under the folder's lock and writes the result atomically. The change sees the
     * manifest as it is on disk at that moment, so entries added meanwhile by another process stay.
     */
    public Manifest update(UnaryOperator<Manifest> change) {
        SafeFiles.ensureFolder(folder);
        ReentrantLock local = IN_PROCESS_LOCKS.computeIfAbsent(manifestFile(), p -> new ReentrantLock());
        local.lock();
        try (FileChannel lockChannel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = lockChannel.lock()) {
            SafeFiles.ownerOnly(lockFile());
            Manifest before = load();
            Manifest after = change.apply(before);
            if (after == before) {
                return before;
            }
            write(after);
            return after;
        } catch (IOException e) {
            if (SafeFiles.isDiskFull(e)) {
                throw new LifeboatException(ErrorCode.DISK_FULL, "The disk holding " + folder + " is full, so the "
                        + "manifest could not be saved; the previous manifest is unchanged. Free some space and try again.", e);
            }
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot save the manifest in " + folder + ": "
                    + e.getMessage() + ". The previous manifest is unchanged.", e);
        } finally {
            local.unlock();
        }
    }

    private void write(Manifest manifest) throws IOException {
        byte[] data = Json.MAPPER.writeValueAsBytes(manifest);
        Path file = manifestFile();
        if (Files.isRegularFile(file)) {
            SafeFiles.writeAtomically(backupCopy(), Files.readAllBytes(file));
        }
        SafeFiles.writeAtomically(file, data);
    }

    /** Replaces a damaged manifest with its .bak copy, keeping the damaged one aside. */
    public Path restoreBackupCopy() {
        Path bak = backupCopy();
        if (!Files.isRegularFile(bak)) {
            throw new LifeboatException(ErrorCode.MANIFEST_DAMAGED, "There is no " + bak.getFileName() + " in " + folder
                    + " to restore from.");
        }
        try {
            parse(Files.readAllBytes(bak), bak);
            Path aside = folder.resolve(FILE_NAME + ".damaged-" + System.currentTimeMillis());
            if (Files.exists(manifestFile())) {
                Files.copy(manifestFile(), aside);
            }
            SafeFiles.writeAtomically(manifestFile(), Files.readAllBytes(bak));
            return aside;
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot restore the manifest from " + bak + ": " + e.getMessage(), e);
        }
    }

    /** Finds an entry by id, unique id prefix, or "latest". */
    public BackupEntry find(String idOrLatest) {
        Manifest m = load();
        if (idOrLatest == null || idOrLatest.equalsIgnoreCase("latest")) {
            return m.latest(null).orElseThrow(() -> new LifeboatException(ErrorCode.BACKUP_NOT_FOUND,
                    "The folder " + folder + " has no backups yet. Take one with 'lifeboat backup' or adopt files "
                            + "with 'lifeboat import'."));
        }
        var exact = m.byId(idOrLatest);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<BackupEntry> byPrefix = m.backups().stream()
                .filter(b -> b.effectiveId().startsWith(idOrLatest) || idOrLatest.equals(b.file()))
                .toList();
        if (byPrefix.size() == 1) {
            return byPrefix.get(0);
        }
        if (byPrefix.size() > 1) {
            throw new LifeboatException(ErrorCode.USAGE, "'" + idOrLatest + "' matches " + byPrefix.size()
                    + " backups. Give more of the id ('lifeboat list' shows them).");
        }
        throw new LifeboatException(ErrorCode.BACKUP_NOT_FOUND, "No backup '" + idOrLatest + "' in " + folder
                + ". 'lifeboat list' shows the ids.");
    }
}
