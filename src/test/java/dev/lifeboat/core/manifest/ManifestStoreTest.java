package dev.lifeboat.core.manifest;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestStoreTest {
    @TempDir
    Path folder;

    static BackupEntry entry(String id) {
        return new BackupEntry(id, "20260101_000000", "2026-01-01T00:00:00Z", "db", "localhost", 5432, "u", "d",
                List.of("manual"), "manual", id + ".dump", "custom", 10L, 0.0, "00", "SHA-256", 0, "exact", List.of(),
                "15", 150000, "15", 1L, 1.0, 1, null, null, null, false, List.of(), null);
    }

    @Test
    void twoProcessesAddingFiftyEntriesEachLeaveAHundred() throws Exception {
        Process a = new ProcessBuilder(ManifestWriterMain.command(folder, "a", 50)).inheritIO().start();
        Process b = new ProcessBuilder(ManifestWriterMain.command(folder, "b", 50)).inheritIO().start();
        assertTrue(a.waitFor(120, TimeUnit.SECONDS) && b.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue());
        assertEquals(0, b.exitValue());
        Manifest m = new ManifestStore(folder).load();
        assertEquals(100, m.backups().size());
        Set<String> ids = new HashSet<>();
        m.backups().forEach(e -> ids.add(e.id()));
        assertEquals(100, ids.size());
        assertTrue(Files.isRegularFile(folder.resolve(ManifestStore.FILE_NAME + ".bak")));
    }

    @Test
    void readsAHandMadeManifestAsItIsAndKeepsFieldsItDoesNotKnow() throws Exception {
        String handMade = """
                {
                  "current": "20240105_120000",
                  "owner_note": "kept by the ops team",
                  "backups": [
                    {"timestamp": "20240105_120000", "datetime": "2024-01-05T12:00:00.123456",
                     "description": "before upgrade", "file": "ledger_20240105_120000.dump",
                     "size_mb": 12.5, "hash": "abc123", "table_count": 7, "backup_type": "manual",
                     "ticket": "OPS-42"}
                  ]
                }""";
        Files.writeString(folder.resolve(ManifestStore.FILE_NAME), handMade, StandardCharsets.UTF_8);
        ManifestStore store = new ManifestStore(folder);
        BackupEntry legacy = store.find("latest");
        assertEquals("20240105_120000", legacy.effectiveId());
        assertEquals(12.5, legacy.sizeMb());
        assertEquals(7, legacy.tableCount());
        assertEquals("manual", legacy.backupType());
        assertEquals(2024, legacy.createdAt().getYear());

        store.update(m -> m.withAdded(entry("new_one")));
        String written = Files.readString(folder.resolve(ManifestStore.FILE_NAME));
        assertTrue(written.contains("\"ticket\" : \"OPS-42\""), written);
        assertTrue(written.contains("\"owner_note\" : \"kept by the ops team\""), written);
        assertTrue(written.contains("\"size_mb\" : 12.5"), written);
        assertTrue(written.contains("\"backup_type\" : \"manual\""), written);
        assertEquals(2, store.load().backups().size());
        assertEquals("new_one", store.load().current());
        assertEquals(Map.of("ticket", "OPS-42"), store.find("20240105_120000").extra());
    }

    @Test
    void damagedManifestIsReportedNeverOverwrittenAndTheBakIsOffered() throws Exception {
        ManifestStore store = new ManifestStore(folder);
        store.update(m -> m.withAdded(entry("one")));
        store.update(m -> m.withAdded(entry("two")));
        Path file = folder.resolve(ManifestStore.FILE_NAME);
        byte[] good = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(good, good.length / 2));
        byte[] damaged = Files.readAllBytes(file);

        LifeboatException e = assertThrows(LifeboatException.class, () -> store.update(m -> m.withAdded(entry("three"))));
        assertEquals(ErrorCode.MANIFEST_DAMAGED, e.code());
        assertTrue(e.getMessage().contains(".bak"), e.getMessage());
        assertTrue(e.getMessage().contains("line"), e.getMessage());
        assertTrue(java.util.Arrays.equals(damaged, Files.readAllBytes(file)), "the damaged file must stay as it was");

        Path aside = store.restoreBackupCopy();
        assertTrue(Files.isRegularFile(aside));
        assertEquals(1, store.load().backups().size(), "the .bak holds the manifest before the last change");
    }

    @Test
    void emptyFolderHasAnEmptyManifestAndLatestSaysWhatToDo() {
        ManifestStore store = new ManifestStore(folder.resolve("new"));
        assertTrue(store.load().backups().isEmpty());
        LifeboatException e = assertThrows(LifeboatException.class, () -> store.find("latest"));
        assertEquals(ErrorCode.BACKUP_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("no backups yet. Take one"), e.getMessage());
        assertEquals(dev.lifeboat.core.Remedy.TAKE_BACKUP, e.remedy());
    }

    @Test
    void idsResolveByUniquePrefix() {
        ManifestStore store = new ManifestStore(folder);
        store.update(m -> m.withAdded(entry("ledger_20260101_000000")));
        store.update(m -> m.withAdded(entry("ledger_20260102_000000")));
        assertEquals("ledger_20260102_000000", store.find("ledger_20260102").id());
        LifeboatException e = assertThrows(LifeboatException.class, () -> store.find("ledger_2026"));
        assertEquals(ErrorCode.USAGE, e.code());
    }

    @Test
    void theJournalIsReadableByItsOwnerOnlyAsTheSnapshotIs() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, 1_500); // large enough for changes to go to the journal
        store.add(entry("a"));
        assertTrue(Files.size(store.journalFile()) > 0, "the change is in the journal");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store.journalFile())));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(store.manifestFile())));
    }
}
