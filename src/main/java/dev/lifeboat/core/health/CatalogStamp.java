package dev.lifeboat.core.health;

import dev.lifeboat.core.manifest.ManifestStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What a health check reads from the folder, told apart cheaply: the catalog's files (the snapshot and its
 * journal, written by every change) and the folder itself (a file added, removed or renamed). Two equal stamps
 * mean a check would say the same but for the clock; a stamp is null when it cannot tell (a change within the
 * file system's time resolution, or a file that cannot be read).
 */
public final class CatalogStamp {
    /** Changes closer than this to the stamp may share their time with a later change (coarse file-system clocks). */
    private static final long SETTLED_MS = 2_000;

    private CatalogStamp() {
    }

    /** The stamp of the store's folder now, or null when it cannot tell. */
    public static String of(ManifestStore store) {
        StringBuilder b = new StringBuilder(store.folder().toString());
        long now = System.currentTimeMillis();
        for (Path p : new Path[] {store.folder(), store.manifestFile(), store.journalFile()}) {
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                long modified = a.lastModifiedTime().toMillis();
                if (now - modified < SETTLED_MS) {
                    return null;
                }
                b.append('|').append(modified).append(':').append(a.size()).append(':').append(a.fileKey());
            } catch (java.nio.file.NoSuchFileException e) {
                b.append("|none");
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return b.toString();
    }
}
