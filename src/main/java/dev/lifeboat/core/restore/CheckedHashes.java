package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SHA-256 of backup files one restore service has read, by file version (path, size, modified
 * time): the plan shown checks the file, and the restore agreed to a moment later checks it again
 * in its preflight; reading the archive again cost 0.8 s per gigabyte (decision 005). A file
 * rewritten since has another size or time and is read again. A folder (a directory backup) is
 * always read again: its own time does not change when a file inside it does.
 */
final class CheckedHashes {
    private static final int KEPT = 16;
    private final Map<String, String> byVersion = new ConcurrentHashMap<>();

    /** The hash of this version of the file if it was read before, else null (nothing is read). */
    String known(Path file) throws IOException {
        String key = keyOf(file);
        return key == null ? null : byVersion.get(key);
    }

    private static String keyOf(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        return a.isRegularFile() ? file.toAbsolutePath() + "|" + a.size() + "|" + a.lastModifiedTime().toMillis() : null;
    }

    String sha256(Path file, CancelToken cancel) throws IOException {
        String key = keyOf(file);
        if (key != null) {
            String known = byVersion.get(key);
            if (known != null) {
                return known;
            }
        }
        String hash = ArchiveFiles.sha256(file, ProgressListener.NONE, cancel); // a folder: over each file's
        if (key != null) {
            if (byVersion.size() >= KEPT) {
                byVersion.clear(); // the app keeps one service open for a long time
            }
            byVersion.put(key, hash);
        }
        return hash;
    }
}
