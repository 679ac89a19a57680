package dev.lifeboat.core.destination;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A place off this machine (or at least off this folder) that holds copies of backup files: an
 * S3-compatible bucket, an SFTP server, another folder. Keys are file names; the destination adds
 * its own prefix or path. Every write is all or nothing: a failed or cancelled upload leaves no
 * object under the key and no partial one beside it.
 */
public interface Destination extends AutoCloseable {
    /** What is stored under a key. */
    record RemoteObject(String key, long sizeBytes) {
    }

    /** Where the destination is, for messages (no secret: none is ever configured). */
    String describe();

    void put(Path file, String key, ProgressListener progress, CancelToken cancel);

    /**
     * Uploads a file whose SHA-256 (hex) is known, so a store that checks and keeps a full-object
     * SHA-256 can refuse a damaged upload and report the checksum afterwards.
     */
    default void put(Path file, String key, String sha256, ProgressListener progress, CancelToken cancel) {
        put(file, key, progress, cancel);
    }

    /**
     * The store's own full-object SHA-256 of what it holds under the key (hex), where it computed
     * and kept one; empty where it did not (then the copy is checked by reading it back).
     */
    default Optional<String> storedSha256(String key) {
        return Optional.empty();
    }

    Optional<RemoteObject> stat(String key);

    /** Reads the stored object back and returns its SHA-256 (hex). */
    String readBackSha256(String key, ProgressListener progress, CancelToken cancel);

    /** Downloads the object into the target file (replaced). */
    void get(String key, Path target, ProgressListener progress, CancelToken cancel);

    void delete(String key);

    /**
     * Removes the (empty) folder that keys with this prefix and a slash were stored in, where the
     * destination has folders; object stores have none. A directory backup's copy is such a folder.
     */
    default void removeFolder(String prefix) {
    }

    List<RemoteObject> list();

    @Override
    void close();
}
