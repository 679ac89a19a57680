package dev.lifeboat.core.backup;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.core.importer.ImportResult;
import dev.lifeboat.core.importer.ImportService;
import dev.lifeboat.core.manifest.BackupDeleter;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.restore.RestoreMode;
import dev.lifeboat.core.restore.RestoreRequest;
import dev.lifeboat.core.restore.RestoreService;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.VerifyReport;
import dev.lifeboat.core.verify.VerifyService;
import dev.lifeboat.testsupport.AppSchema;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** backup --jobs N: a directory-format backup, treated by verify, restore, import and delete like any other. */
@ExtendWith(PgExtension.class)
class DirectoryBackupTest {
    @TempDir
    Path folder;

    @TempDir
    Path elsewhere;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private BackupEntry backup(TestDatabase db) {
        return new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "app").withJobs(2),
                ProgressListener.NONE, CancelToken.none());
    }

    private VerifyReport verify(Path in, String id, VerifyDepth depth) {
        return new VerifyService(new ManifestStore(in), tools).verify(id, depth, TestServer.get().admin(),
                ProgressListener.NONE, CancelToken.none());
    }

    private RestoreService restores() {
        return new RestoreService(new ManifestStore(folder), tools, spec -> false);
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static CheckResult check(VerifyReport r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + r.checks()));
    }

    @Test
    void twoJobsWriteAFolderWithEveryFileHashedThatFullVerifyAndANewRestoreCountWhole(TestDatabase db) throws IOException {
        AppSchema.create(db);
        BackupEntry e = backup(db);

        Path dir = folder.resolve(e.file());
        assertEquals(e.id() + ".dir", e.file());
        assertEquals("directory", e.format());
        assertTrue(Files.isRegularFile(dir.resolve("toc.dat")));
        Map<String, String> recorded = ArchiveFiles.recorded(e);
        assertEquals(names(dir), List.copyOf(recorded.keySet()), "every file in the folder is hashed");
        assertTrue(recorded.size() > AppSchema.ROWS.size(), "a data file per table: " + recorded.keySet());
        assertEquals(ArchiveFiles.overall(recorded), e.hash());
        assertEquals(ArchiveFiles.size(dir), e.sizeBytes());
        assertTrue(names(folder).stream().noneMatch(n -> n.endsWith(".partial")), names(folder).toString());
        assertTrue(Files.exists(folder.resolve(e.id() + ".globals.sql")), "roles saved beside it");
        AppSchema.assertRows(new TestDatabase(db.server(), db.spec())); // unchanged by the dump

        assertTrue(verify(folder, e.id(), VerifyDepth.QUICK).passed());
        assertTrue(verify(folder, e.id(), VerifyDepth.ARCHIVE).passed());
        VerifyReport full = verify(folder, e.id(), VerifyDepth.FULL);
        assertTrue(full.passed(), full.checks().toString());
        assertEquals(CheckStatus.PASS, check(full, "Row counts").status());

        String copy = db.name() + "__dir";
        restores().restore(new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, copy, List.of(), List.of(), false, 2,
                false, null, false), ProgressListener.NONE, CancelToken.none());
        AppSchema.assertRows(new TestDatabase(db.server(), db.spec().withDatabase(copy)));
    }

    @Test
    void quickVerifyNamesTheDataFileThatChangedAndTheOneThatIsMissing(TestDatabase db) throws IOException {
        AppSchema.create(db);
        BackupEntry e = backup(db);
        Path dir = folder.resolve(e.file());
        List<String> data = names(dir).stream().filter(n -> n.endsWith(".dat.gz")).toList();
        String changed = data.get(0);
        String missing = data.get(1);
        byte[] bytes = Files.readAllBytes(dir.resolve(changed));
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(dir.resolve(changed), bytes, StandardOpenOption.TRUNCATE_EXISTING);
        Files.delete(dir.resolve(missing));

        VerifyReport r = verify(folder, e.id(), VerifyDepth.QUICK);
        assertEquals(CheckStatus.FAIL, r.outcome());
        CheckResult files = check(r, "SHA-256 of each file");
        assertEquals(CheckStatus.FAIL, files.status());
        assertTrue(files.detail().contains(changed + " changed"), files.detail());
        assertTrue(files.detail().contains(missing + " is missing"), files.detail());
        assertEquals("2 of " + ArchiveFiles.recorded(e).size() + " differ", files.actual());
        LifeboatException refused = assertThrows(LifeboatException.class, () -> restores().restore(
                RestoreRequest.of(e.id(), db.spec(), RestoreMode.REPLACE).withTerminateSessions(true),
                ProgressListener.NONE, CancelToken.none()), "a damaged folder is never restored");
        assertTrue(refused.getMessage().contains("SHA-256"), refused.getMessage());
        AppSchema.assertRows(db);
    }

    @Test
    void replaceAndSelectiveRestoresFromAFolderBringBackWhatWasAsked(TestDatabase db) {
        AppSchema.create(db);
        BackupEntry e = backup(db);
        db.execute("DELETE FROM app.order_lines WHERE line_no = 2", "CREATE TABLE app.added_later (x int)");

        restores().restore(RestoreRequest.of(e.id(), db.spec(), RestoreMode.REPLACE).withTerminateSessions(true),
                ProgressListener.NONE, CancelToken.none());
        AppSchema.assertRows(db);
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_class WHERE relname = 'added_later'"));

        String lines = db.name() + "__lines";
        restores().restore(new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, lines, List.of("app.order_lines"),
                List.of(), false, 0, false, null, false), ProgressListener.NONE, CancelToken.none());
        ConnectionSpec copy = db.spec().withDatabase(lines);
        assertEquals(400, TestServer.queryLong(copy, "SELECT count(*) FROM app.order_lines"));
        assertEquals(200, TestServer.queryLong(copy, "SELECT count(*) FROM app.orders"), "the referenced table came too");
    }

    @Test
    void aFolderBackupIsImportedElsewhereAndDeleteRemovesTheWholeFolder(TestDatabase db) throws IOException {
        AppSchema.create(db);
        BackupEntry e = backup(db);
        Path source = folder.resolve(e.file());
        Path other = elsewhere.resolve("catalog");

        Path loose = elsewhere.resolve("loose");
        Files.createDirectories(loose);
        Files.createDirectory(loose.resolve(e.file()));
        Files.copy(source.resolve("toc.dat"), loose.resolve(e.file()).resolve("toc.dat"));
        var health = new HealthService(new ManifestStore(loose), d -> null).check(OffsetDateTime.now());
        assertTrue(health.checks().stream().anyMatch(c -> c.name().equals("Files without entries")
                && c.detail().contains(e.file())), "a folder backup without an entry is named: " + health.checks());

        ImportResult imported = new ImportService(new ManifestStore(other), tools).importFiles(List.of(folder),
                ProgressListener.NONE, CancelToken.none());
        assertEquals(1, imported.added().size(), imported.toString());
        BackupEntry in = imported.added().get(0);
        assertEquals("directory", in.format());
        assertEquals(e.hash(), in.hash(), "the same files, the same overall hash");
        assertEquals(names(source), names(other.resolve(in.file())));
        assertTrue(verify(other, in.id(), VerifyDepth.ARCHIVE).passed());

        // (copies of a folder, refused here before, are DirectoryCopyContract's)

        BackupDeleter.delete(new ManifestStore(folder), e.id());
        assertFalse(Files.exists(source));
        assertTrue(new ManifestStore(folder).load().backups().isEmpty());
    }

    @Test
    void jobsOutsideOneToSixtyFourAreRefusedBeforeAnythingIsWritten(TestDatabase db) throws IOException {
        for (int bad : new int[] {0, -1, 65}) {
            LifeboatException e = assertThrows(LifeboatException.class, () -> BackupRequest.of(db.spec(), "x").withJobs(bad));
            assertEquals(ErrorCode.USAGE, e.code());
            assertTrue(e.getMessage().contains("between 1 and 64, not " + bad), e.getMessage());
        }
        // (encryption of a folder, refused here before, is EncryptedDirectoryBackupTest's)
        assertTrue(names(folder).stream().noneMatch(n -> n.endsWith(".dir") || n.endsWith(".partial")), names(folder).toString());
    }
}
