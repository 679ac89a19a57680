package dev.lifeboat.core.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The table of contents of the archive read last, kept per file version (path, size, modified
 * time): a restore reads it for its plan (exact names, dependencies, grantees), for naming the
 * server's COPY tags, and for the database's role settings; 6,000 entries for 2,000 tables are
 * decoded once, not three times. Only the last archive is kept, so a long-running app holds one.
 */
final class ArchiveContents {
    private record Cached(String key, Optional<ArchiveHeader.Contents> contents) {
    }

    private static final AtomicReference<Cached> LAST = new AtomicReference<>();

    private ArchiveContents() {
    }

    /** As {@link ArchiveHeader#readWithEntries}, read again only when the file changed. */
    static Optional<ArchiveHeader.Contents> of(Path archive) throws IOException {
        String key = keyOf(archive);
        Cached last = LAST.get();
        if (key != null && last != null && last.key().equals(key)) {
            return last.contents();
        }
        Optional<ArchiveHeader.Contents> contents = ArchiveHeader.readWithEntries(archive);
        // the key taken before the read: a file changed while being read is read again next time
        if (key != null && key.equals(keyOf(archive))) {
            LAST.set(new Cached(key, contents));
        }
        return contents;
    }

    private static String keyOf(Path archive) {
        Path toc = Files.isDirectory(archive) ? archive.resolve("toc.dat") : archive;
        try {
            return toc.toAbsolutePath() + "|" + Files.size(toc) + "|" + Files.getLastModifiedTime(toc).toMillis();
        } catch (IOException e) {
            return null;
        }
    }
}
