package dev.lifeboat.core.pg;

import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The versions the client tools gave, remembered between runs, keyed by the executable's real path,
 * size, modified time and file key: asking pg_dump its version is a process start (5-15 ms of a
 * cold JVM's CPU, more of its wall time on a loaded machine) on every command's way to its first
 * tool, for an answer that changes only when the binary does. An upgrade replaces the file (another
 * size, time or inode), and its version is asked again. A cache: a line that cannot be read is
 * ignored, a write that fails is forgotten, and nothing is fsynced (a lost file costs one question).
 */
final class ToolVersionFile {
    private static final String TAG = "v1";

    private final Path file;

    ToolVersionFile(Path file) {
        this.file = file;
    }

    /** The version recorded for this very binary; empty when none is, or the binary changed since. */
    Optional<PgVersions.ToolVersion> get(Path real, BasicFileAttributes a) {
        String key = key(real, a);
        if (key == null) {
            return Optional.empty();
        }
        for (String line : lines()) {
            if (line.startsWith(key)) {
                String[] rest = line.substring(key.length()).split("\t", 2);
                try {
                    return rest.length == 2 ? Optional.of(new PgVersions.ToolVersion(Integer.parseInt(rest[0]), rest[1]))
                            : Optional.empty();
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Records the version for this binary, replacing any line of the same path. */
    void put(Path real, BasicFileAttributes a, PgVersions.ToolVersion v) {
        String key = key(real, a);
        if (key == null || v.version().contains("\n") || v.version().contains("\t")) {
            return;
        }
        String pathField = TAG + "\t" + real + "\t";
        List<String> kept = new ArrayList<>();
        for (String line : lines()) {
            if (!line.startsWith(pathField)) {
                kept.add(line);
            }
        }
        kept.add(key + v.majorKey() + "\t" + v.version());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().getId());
        try {
            SafeFiles.ensureFolder(file.getParent()); // the config folder, owner-only as the settings make it
            Files.write(tmp, kept, StandardCharsets.UTF_8);
            SafeFiles.ownerOnly(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a cache: the version is asked again next time
            }
        }
    }

    private List<String> lines() {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException | RuntimeException e) {
            return List.of(); // unreadable or not UTF-8: as if empty, and rewritten by the next put
        }
    }

    /** "v1 path size mtime filekey " (tab-separated), or null for a path a line cannot hold. */
    private static String key(Path real, BasicFileAttributes a) {
        String path = real.toString();
        if (path.contains("\t") || path.contains("\n") || path.contains("\r")) {
            return null;
        }
        return TAG + "\t" + path + "\t" + a.size() + "\t" + a.lastModifiedTime().to(TimeUnit.NANOSECONDS) + "\t"
                + Objects.toString(a.fileKey(), "-").replace('\t', ' ') + "\t";
    }
}
