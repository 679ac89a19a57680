package dev.lifeboat.core.health;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.GlobalsInfo;
import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.VerificationRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Health answers "is the file there, and inside the folder" from one listing of the folder where the listing
 * can, and by the exact path check where it cannot: what it says must be what the exact check says.
 */
class FolderListingHealthTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 21, 12, 0, 0, 0, ZoneOffset.UTC);

    @TempDir
    Path folder;

    @TempDir
    Path elsewhere;

    private static BackupEntry entry(String id, String file, OffsetDateTime at, GlobalsInfo globals) {
        List<VerificationRecord> v = List.of(new VerificationRecord(at.plusMinutes(5).toString(), "full",
                CheckStatus.PASS, 1.0, 1.0, List.of(), null));
        return new BackupEntry(id, null, at.toString(), "ledger", "h", 5432, "u", "", List.of("scheduled"),
                "scheduled", file, "custom", 10L, 0.0, "00", "SHA-256", 0, "exact", List.of(), "15", 150000, "15",
                1L, 1.0, 1, null, globals, null, false, v, null);
    }

    private static BackupEntry entry(String id, String file, OffsetDateTime at) {
        return entry(id, file, at, null);
    }

    private ManifestStore storeWith(BackupEntry... entries) {
        ManifestStore store = new ManifestStore(folder);
        store.update(m -> new Manifest(Manifest.FORMAT_VERSION, null, List.of(entries), null, null));
        return store;
    }

    private static HealthCheck check(HealthReport r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + r.checks()));
    }

    private static boolean has(HealthReport r, String name) {
        return r.checks().stream().anyMatch(c -> c.name().equals(name));
    }

    @Test
    void anEntryWhoseFileIsADanglingSymlinkPointsNowhereAndItsFileIsMissing() throws Exception {
        Files.writeString(folder.resolve("good.dump"), "0123456789");
        Files.createSymbolicLink(folder.resolve("dangling.dump"), elsewhere.resolve("gone.dump"));
        ManifestStore store = storeWith(entry("good", "good.dump", NOW.minusHours(2)),
                entry("dangling", "dangling.dump", NOW.minusHours(1)));
        assertFalse(store.fileExists("dangling.dump", "dangling"), "the exact check agrees");

        HealthReport r = new HealthService(store, db -> null).check(NOW);
        assertEquals(HealthState.CRITICAL, check(r, "Entries pointing outside the folder").state());
        assertEquals("dangling (dangling.dump): Lifeboat will not read or delete their files; correct or remove them",
                check(r, "Entries pointing outside the folder").detail());
        assertEquals("dangling.dump", check(r, "Files missing for entries").detail());
        assertTrue(check(r, "Newest good backup").detail().startsWith("good is 2 h old"), r.checks().toString());
    }

    @Test
    void aSymlinkToAFileOutsideIsRefusedAndOneToAFileInsideCounts() throws Exception {
        Path victim = Files.writeString(elsewhere.resolve("victim.dump"), "victim");
        Files.writeString(folder.resolve("real.dump"), "0123456789");
        Files.createSymbolicLink(folder.resolve("evil.dump"), victim);
        Files.createSymbolicLink(folder.resolve("alias.dump"), folder.resolve("real.dump"));
        Files.createSymbolicLink(folder.resolve("roles-out.globals.sql"), victim);
        ManifestStore store = storeWith(entry("alias", "alias.dump", NOW.minusHours(3)),
                entry("roles", "real.dump", NOW.minusHours(2), new GlobalsInfo("roles-out.globals.sql", 1L, "00", null)),
                entry("evil", "evil.dump", NOW.minusHours(1)));
        assertTrue(store.fileExists("alias.dump", "alias"), "the exact check agrees");

        HealthReport r = new HealthService(store, db -> null).check(NOW);
        assertEquals("roles (real.dump), evil (evil.dump): Lifeboat will not read or delete their files; correct or "
                + "remove them", check(r, "Entries pointing outside the folder").detail());
        assertEquals("evil.dump", check(r, "Files missing for entries").detail(),
                "a link inside the folder is the file; a link out is not there for Lifeboat");
        assertTrue(Files.isRegularFile(victim));
    }

    @Test
    void aDirectoryFormatBackupsFolderIsItsFile() throws Exception {
        Path dir = Files.createDirectory(folder.resolve("ledger_20261121_100000.dir"));
        Files.writeString(dir.resolve("toc.dat"), "toc");
        Files.createDirectory(folder.resolve("notabackup.dump")); // a folder where a file should be
        ManifestStore store = storeWith(entry("folder", "ledger_20261121_100000.dir", NOW.minusHours(2)),
                entry("odd", "notabackup.dump", NOW.minusHours(1)));

        HealthReport r = new HealthService(store, db -> null).check(NOW);
        assertEquals("notabackup.dump", check(r, "Files missing for entries").detail());
        assertTrue(check(r, "Newest good backup").detail().startsWith("folder is 2 h old"), r.checks().toString());
        assertEquals("none", check(r, "Files without entries").detail());
        assertFalse(has(r, "Entries pointing outside the folder"));
    }

    @Test
    void pathsTheListingCannotAnswerGetTheExactCheck() throws Exception {
        Files.createDirectory(folder.resolve("sub"));
        Files.writeString(folder.resolve("sub").resolve("nested.dump"), "0123456789");
        Files.writeString(folder.resolve("moved.dump"), "0123456789");
        Files.createSymbolicLink(folder.resolve("link"), elsewhere);
        Files.writeString(elsewhere.resolve("through.dump"), "victim");
        // A path up and out of the folder to a file that is there (one that is not there is taken for a moved
        // manifest's and looked for beside it, as ManifestStore.fileOf does).
        Files.writeString(elsewhere.resolve("x.dump"), "victim");
        String dots = folder.relativize(elsewhere.resolve("x.dump")).toString();
        ManifestStore store = storeWith(entry("nested", "sub/nested.dump", NOW.minusHours(4)),
                entry("moved", "/srv/another/machine/moved.dump", NOW.minusHours(3)),
                entry("through", "link/through.dump", NOW.minusHours(2)),
                entry("dots", dots, NOW.minusHours(1)));

        HealthReport r = new HealthService(store, db -> null).check(NOW);
        assertEquals("through (link/through.dump), dots (" + dots + "): Lifeboat will not read or delete their files; "
                + "correct or remove them", check(r, "Entries pointing outside the folder").detail());
        assertEquals("link/through.dump, " + dots, check(r, "Files missing for entries").detail(),
                "a file in a sub-folder and one named by another machine's path beside the manifest are there");
    }

    @Test
    void oneMissingFileAmong35000PresentOnesIsTheOneNamed() throws Exception {
        int n = 35_000;
        List<BackupEntry> entries = new ArrayList<>(n);
        OffsetDateTime first = NOW.minusHours(n);
        for (int i = 0; i < n; i++) {
            String id = "ledger_" + i;
            entries.add(entry(id, id + ".dump", first.plusHours(i)));
            if (i != n - 1) {
                Files.createFile(folder.resolve(id + ".dump"));
            }
        }
        ManifestStore store = new ManifestStore(folder);
        store.update(m -> new Manifest(Manifest.FORMAT_VERSION, null, entries, null, null));

        HealthReport r = new HealthService(store, db -> null).check(NOW);
        assertEquals(HealthState.CRITICAL, check(r, "Files missing for entries").state());
        assertEquals("ledger_" + (n - 1) + ".dump", check(r, "Files missing for entries").detail());
        assertTrue(check(r, "Newest good backup").detail().startsWith("ledger_" + (n - 2) + " is 2 h old"),
                "the newest backup's file is missing: the one before it is the newest good one");
        assertEquals("none", check(r, "Files without entries").detail());
        assertEquals("none", check(r, "Leftovers of interrupted operations").detail());
    }
}
