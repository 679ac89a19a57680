package dev.lifeboat.core.verify;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.importer.ImportResult;
import dev.lifeboat.core.importer.ImportService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PgExtension.class)
class VerifyServiceTest {
    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private BackupEntry backup(TestDatabase db) {
        SampleData.create(db);
        return new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "for verify"),
                ProgressListener.NONE, CancelToken.none());
    }

    private VerifyReport verify(String id, VerifyDepth depth, TestServer server) {
        return new VerifyService(new ManifestStore(folder), tools).verify(id, depth, server.admin(),
                ProgressListener.NONE, CancelToken.none());
    }

    private static CheckResult check(VerifyReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check '" + name + "' in " + report.checks()));
    }

    @Test
    void quickVerifyPassesOnAnIntactBackupAndIsRecorded(TestDatabase db, TestServer server) {
        BackupEntry entry = backup(db);
        VerifyReport report = verify(entry.id(), VerifyDepth.QUICK, server);
        assertEquals(CheckStatus.PASS, report.outcome(), report.checks().toString());
        assertEquals(entry.hash(), check(report, "SHA-256").actual());
        BackupEntry stored = new ManifestStore(folder).find(entry.id());
        assertEquals(1, stored.verifications().size());
        assertEquals("quick", stored.lastVerification().depth());
        assertEquals(CheckStatus.PASS, stored.lastVerification().outcome());
    }

    @Test
    void quickVerifyCatchesOneFlippedByte(TestDatabase db, TestServer server) throws Exception {
        BackupEntry entry = backup(db);
        Path file = folder.resolve(entry.file());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long pos = raf.length() / 2;
            raf.seek(pos);
            int b = raf.read();
            raf.seek(pos);
            raf.write(b ^ 0x01);
        }
        VerifyReport report = verify(entry.id(), VerifyDepth.QUICK, server);
        assertEquals(CheckStatus.FAIL, report.outcome());
        assertEquals(CheckStatus.PASS, check(report, "Size").status());
        assertEquals(CheckStatus.FAIL, check(report, "SHA-256").status());
        assertEquals(CheckStatus.FAIL, new ManifestStore(folder).find(entry.id()).lastVerification().outcome());
    }

    @Test
    void archiveVerifyCatchesATruncatedArchive(TestDatabase db, TestServer server) throws Exception {
        BackupEntry entry = backup(db);
        truncate(folder.resolve(entry.file()));
        VerifyReport report = verify(entry.id(), VerifyDepth.ARCHIVE, server);
        assertEquals(CheckStatus.FAIL, report.outcome());
        assertEquals(CheckStatus.FAIL, check(report, "Size").status());
        // Where the cut lands decides which archive check sees it: the TOC or a data block.
        assertTrue(report.checks().stream().anyMatch(c -> c.status() == CheckStatus.FAIL
                && (c.name().equals("Table of contents readable") || c.name().equals("All data blocks readable"))),
                report.checks().toString());
    }

    @Test
    void archiveVerifyCatchesTruncationEvenWhenTheManifestWasMadeFromTheDamagedFile(TestDatabase db, TestServer server)
            throws Exception {
        String id = importTruncatedCopy(db);

        VerifyReport quick = verify(id, VerifyDepth.QUICK, server);
        assertEquals(CheckStatus.PASS, quick.outcome(), "size and hash were recorded from the damaged file");
        VerifyReport archive = verify(id, VerifyDepth.ARCHIVE, server);
        assertEquals(CheckStatus.FAIL, archive.outcome());
        assertEquals(CheckStatus.PASS, check(archive, "Table of contents readable").status());
        assertEquals(CheckStatus.FAIL, check(archive, "All data blocks readable").status());
    }

    /** A copy of a backup cut short in its table data, adopted by import (so its hash is the damaged one's). */
    private String importTruncatedCopy(TestDatabase db) throws Exception {
        SampleData.createLargeTable(db); // so that the cut lands in table data, past the TOC
        BackupEntry entry = backup(db);
        Path damaged = Files.createTempDirectory("lifeboat-loose").resolve("loose_20260101_000000.dump");
        Files.copy(folder.resolve(entry.file()), damaged);
        truncate(damaged);
        ImportResult imported = new ImportService(new ManifestStore(folder), tools)
                .importFiles(List.of(damaged), ProgressListener.NONE, CancelToken.none());
        assertEquals(1, imported.added().size(), imported.skipped().toString());
        return imported.added().get(0).id();
    }

    @Test
    void fullVerifyOfATruncatedArchiveFailsTheRestoreAndNamesTheDamagedBlocks(TestDatabase db, TestServer server)
            throws Exception {
        String id = importTruncatedCopy(db);
        VerifyReport full = verify(id, VerifyDepth.FULL, server);
        assertEquals(CheckStatus.FAIL, full.outcome());
        assertEquals(CheckStatus.FAIL, check(full, "Test restore").status());
        assertEquals(CheckStatus.FAIL, check(full, "All data blocks readable").status());
        List<String> names = full.checks().stream().map(CheckResult::name).toList();
        assertTrue(names.indexOf("All data blocks readable") < names.indexOf("Test restore"), names.toString());
    }

    @Test
    void fullVerifyRestoresCountsEveryTableAndDropsTheScratchDatabase(TestDatabase db, TestServer server) {
        BackupEntry entry = backup(db);
        VerifyReport report = verify(entry.id(), VerifyDepth.FULL, server);
        assertEquals(CheckStatus.PASS, report.outcome(), report.checks().toString());
        assertEquals(CheckStatus.PASS, check(report, "All data blocks readable").status());
        assertEquals(entry.tables().size(), report.tables().size());
        assertTrue(report.tables().stream().allMatch(t -> t.status() == CheckStatus.PASS));
        assertNotNull(report.restoreSeconds());
        assertEquals(0, server.admin() == null ? 1 : TestServer.queryLong(server.admin(),
                "SELECT count(*) FROM pg_database WHERE datname LIKE 'lifeboat_verify_%'"));
        assertNotNull(new ManifestStore(folder).find(entry.id()).lastVerification().restoreSeconds());
    }

    @Test
    void fullVerifyFailsWhenARowCountDiffers(TestDatabase db, TestServer server) {
        BackupEntry entry = backup(db);
        ManifestStore store = new ManifestStore(folder);
        List<TableStat> changed = new ArrayList<>();
        for (TableStat t : entry.tables()) {
            changed.add(t.name().equals("größe ñ") ? new TableStat(t.schema(), t.name(), t.rows() + 1, t.bytes()) : t);
        }
        store.update(m -> m.withReplaced(entry.id(), e -> e.withTables(changed)));

        VerifyReport report = verify(entry.id(), VerifyDepth.FULL, server);
        assertEquals(CheckStatus.FAIL, report.outcome());
        CheckResult counts = check(report, "Row counts");
        assertEquals(CheckStatus.FAIL, counts.status());
        assertTrue(counts.detail().contains("ünïcødé.größe ñ: expected 38, found 37"), counts.detail());
        TableCheck bad = report.tables().stream().filter(t -> t.status() == CheckStatus.FAIL).findFirst().orElseThrow();
        assertEquals("größe ñ", bad.name());
        assertEquals(1, store.find(entry.id()).lastVerification().tables().size());
    }

    @Test
    void fullVerifySkipsTheRestoreWhenTheFileIsDamaged(TestDatabase db, TestServer server) throws Exception {
        BackupEntry entry = backup(db);
        truncate(folder.resolve(entry.file()));
        VerifyReport report = verify(entry.id(), VerifyDepth.FULL, server);
        assertEquals(CheckStatus.SKIPPED, check(report, "Test restore").status());
        assertFalse(report.passed());
        // the scratch database, created while the file was checked, is gone when the verify returns
        assertEquals(0, TestServer.queryLong(server.admin(),
                "SELECT count(*) FROM pg_database WHERE datname LIKE 'lifeboat_verify_%'"));
    }

    @Test
    void missingFileFailsTheFirstCheck(TestDatabase db, TestServer server) throws Exception {
        BackupEntry entry = backup(db);
        Files.delete(folder.resolve(entry.file()));
        VerifyReport report = verify(entry.id(), VerifyDepth.ARCHIVE, server);
        assertEquals(CheckStatus.FAIL, check(report, "Backup file present").status());
        assertEquals(1, report.checks().size());
    }

    private static void truncate(Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() * 2 / 3);
        }
    }
}
