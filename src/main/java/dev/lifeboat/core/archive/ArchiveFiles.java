package dev.lifeboat.core.archive;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.util.Hashing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The files of a directory-format backup (pg_dump -Fd: toc.dat and one NNNN.dat.gz per table) and
 * their SHA-256s. The manifest entry keeps one hash per file under {@link #MANIFEST_KEY} (like
 * pgBackRest's per-file checksums), so that a check names the file that changed, and in its
 * {@code hash} one hash over the sorted (name, hash) list, so that everything that compares "the"
 * hash of a backup treats a folder like a file.
 */
public final class ArchiveFiles {
    /** The entry's per-file map: file name inside the folder to its SHA-256. */
    public static final String MANIFEST_KEY = "files";

    private ArchiveFiles() {
    }

    /** One file's difference from what the manifest records. */
    public record Difference(String file, String problem) {
        public String describe() {
            return file + " " + problem;
        }
    }

    /** What is done to one file of a folder; its result is kept under the file's name. */
    @FunctionalInterface
    public interface FileWork {
        String apply(Path file) throws IOException;
    }

    /**
     * The SHA-256 of every regular file in the folder, by name. pg_dump writes a flat folder; the
     * files are hashed on as many threads as the machine has cores (the backup just wrote them, so
     * they are mostly read from the page cache).
     */
    public static SortedMap<String, String> hashAll(Path folder, CancelToken cancel) throws IOException {
        return eachFile(folder, f -> Hashing.sha256(f, ProgressListener.NONE, cancel));
    }

    /**
     * The work done to every regular file of the (flat) folder on parallel threads, its results by
     * file name. The first I/O failure is thrown as it was; a cancellation ends the others.
     */
    public static SortedMap<String, String> eachFile(Path folder, FileWork work) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        Map<String, String> results = new ConcurrentHashMap<>();
        try {
            files.parallelStream().forEach(f -> {
                try {
                    results.put(f.getFileName().toString(), work.apply(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(results));
    }

    /** One SHA-256 over the sorted lines "hash  name" (the shape sha256sum prints), standing for the whole folder. */
    public static String overall(Map<String, String> hashes) {
        MessageDigest digest = Hashing.sha256();
        new TreeMap<>(hashes).forEach((name, hash) ->
                digest.update((hash.toLowerCase(java.util.Locale.ROOT) + "  " + name + "\n").getBytes(StandardCharsets.UTF_8)));
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The SHA-256 of a backup file, or the overall hash of a directory-format backup's folder. */
    public static String sha256(Path fileOrFolder, ProgressListener progress, CancelToken cancel) throws IOException {
        if (Files.isDirectory(fileOrFolder)) {
            progress.progress(0, 1, "Computing SHA-256 of every file in " + fileOrFolder.getFileName());
            return overall(hashAll(fileOrFolder, cancel));
        }
        return Hashing.sha256(fileOrFolder, progress, cancel);
    }

    /** The bytes of every file in the folder. */
    public static long size(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Files.size(folder);
        }
        try (Stream<Path> s = Files.list(folder)) {
            long sum = 0;
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    /** The per-file hashes an entry records; empty for a single-file backup. */
    public static SortedMap<String, String> recorded(BackupEntry entry) {
        SortedMap<String, String> out = new TreeMap<>();
        if (entry.extra().get(MANIFEST_KEY) instanceof Map<?, ?> m) {
            m.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
        }
        return out;
    }

    /** Whether an entry is a directory-format backup. */
    public static boolean isDirectoryBackup(BackupEntry entry) {
        return BackupFormat.DIRECTORY_LABEL.equals(entry.format());
    }

    /** Every file that changed, is missing, or was not part of the backup, in name order. */
    public static List<Difference> compare(Map<String, String> recorded, Map<String, String> now) {
        List<Difference> out = new ArrayList<>();
        TreeMap<String, String> all = new TreeMap<>(recorded);
        now.forEach(all::putIfAbsent);
        all.forEach((name, ignored) -> {
            String was = recorded.get(name);
            String is = now.get(name);
            if (was == null) {
                out.add(new Difference(name, "is not part of the backup"));
            } else if (is == null) {
                out.add(new Difference(name, "is missing"));
            } else if (!was.equalsIgnoreCase(is)) {
                out.add(new Difference(name, "changed (SHA-256 " + is + ", recorded " + was + ")"));
            }
        });
        return out;
    }
}
