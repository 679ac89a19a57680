package dev.lifeboat.core.health;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.manifest.BackupFileNames;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.RetentionFacts;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The health checks of the folder's files: entries pointing outside it, files missing for entries, files
 * without entries. Each entry's file is looked at once, from one listing of the folder ({@link FolderListing}),
 * and whether it is there is kept for the newest-good-backup check.
 */
final class FileChecks {
    private final ManifestStore store;
    private final FolderListing listing;
    private final List<RetentionFacts> oldestFirst;
    private final Set<RetentionFacts> present = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<String> outside = new ArrayList<>();
    private final List<String> missing = new ArrayList<>();

    FileChecks(ManifestStore store, List<RetentionFacts> oldestFirst) {
        this.store = store;
        this.listing = FolderListing.of(store);
        this.oldestFirst = oldestFirst;
        for (RetentionFacts e : oldestFirst) {
            boolean exists = false;
            try {
                if (e.file() != null) {
                    exists = listing.exists(e.file(), e.id());
                }
                if (e.rolesFile() != null) {
                    listing.checkInside(e.rolesFile(), e.id());
                }
            } catch (LifeboatException x) {
                outside.add(e.id() + " (" + e.file() + ")");
            }
            if (exists) {
                present.add(e);
            } else if (e.file() != null) {
                missing.add(e.file()); // an entry pointing outside the folder too: its file is not there for Lifeboat
            }
        }
    }

    /** Whether the entry's file is there (false too for one pointing outside the folder). */
    boolean exists(RetentionFacts entry) {
        return present.contains(entry);
    }

    /** The names in the folder when it was listed for these checks. */
    Set<String> folderNames() {
        return listing.names();
    }

    void addTo(List<HealthCheck> checks, List<String> pending) {
        if (!outside.isEmpty()) {
            checks.add(new HealthCheck(null, "Entries pointing outside the folder", HealthState.CRITICAL,
                    String.join(", ", outside) + ": Lifeboat will not read or delete their files; correct or remove them"));
        }
        checks.add(new HealthCheck(null, "Files missing for entries", missing.isEmpty() ? HealthState.OK : HealthState.CRITICAL,
                missing.isEmpty() ? "none" : String.join(", ", missing)));
        Set<String> known = new HashSet<>(pending);
        for (RetentionFacts e : oldestFirst) {
            known.add(e.file());
            if (e.rolesFile() != null) {
                known.add(e.rolesFile());
            }
        }
        List<String> orphans = new ArrayList<>();
        for (String n : listing.names()) {
            if (!known.contains(n) && (isBackupName(n) || isBackupFolder(n))) {
                orphans.add(n);
            }
        }
        Collections.sort(orphans);
        checks.add(new HealthCheck(null, "Files without entries", orphans.isEmpty() ? HealthState.OK : HealthState.WARNING,
                orphans.isEmpty() ? "none" : String.join(", ", orphans) + " (import them into the catalog, or remove them)",
                Remedy.RUN_IMPORT));
    }

    /** A directory-format backup's folder, plain or encrypted (a finished one: a partial folder is a leftover). */
    private boolean isBackupFolder(String n) {
        return n.endsWith(BackupFileNames.DIRECTORY_SUFFIX)
                && (Files.isRegularFile(store.folder().resolve(n).resolve("toc.dat"))
                || Files.isRegularFile(store.folder().resolve(n).resolve("toc.dat.age")));
    }

    /** A file import could adopt (roles, partial and temporary files are leftovers, not orphans). */
    private static boolean isBackupName(String n) {
        return BackupFileNames.isBackupFile(n) || n.toLowerCase(Locale.ROOT).endsWith(".dump.age");
    }
}
