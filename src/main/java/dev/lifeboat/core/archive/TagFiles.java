package dev.lifeboat.core.archive;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The private files psql writes a counted restore's command tags into (decision 011). They live in
 * the system's temporary folder, as the restore's target may be any archive in any folder, and are
 * named after the process that made them: a restore killed with -9 leaves its file behind, and the
 * next counted restore deletes the files of processes that are gone. They hold command tags only
 * ({@code COPY 50}, {@code SET}), never data or passwords, and are readable by their owner alone.
 */
final class TagFiles {
    private static final Logger LOG = LoggerFactory.getLogger(TagFiles.class);
    static final String PREFIX = "lifeboat-tags.tmp-";
    private static final Pattern OF_PID = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)-\\d+");

    private TagFiles() {
    }

    /** A new private file for psql's tags; null when none can be made (then they are read from its stdout). */
    static Path create() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        sweep(dir);
        try {
            return Files.createTempFile(dir, PREFIX + ProcessHandle.current().pid() + "-", "");
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("No file for psql's tags, reading its output instead: {}", e.toString());
            return null;
        }
    }

    /** Deletes the tag files of processes that are no longer running; what cannot be deleted stays. */
    static void sweep(Path dir) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*")) {
            for (Path f : files) {
                Matcher m = OF_PID.matcher(f.getFileName().toString());
                if (m.matches() && !alive(Long.parseLong(m.group(1))) && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                    LOG.info("Deleted {}, psql's command tags of a restore whose process is gone", f);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Tag files of gone processes not swept: {}", e.toString());
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
