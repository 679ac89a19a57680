package dev.lifeboat.core.importer;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.crypto.AgeKeys;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.restore.RestoreMode;
import dev.lifeboat.core.restore.RestoreRequest;
import dev.lifeboat.core.restore.RestoreService;
import dev.lifeboat.core.util.SafeFiles;
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
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * import of an encrypted directory backup (a folder of NAME.age files holding toc.dat.age, as backup
 * --jobs N --encrypt-to writes it), e.g. copied back from off-site after the machine was lost.
 */
@ExtendWith(PgExtension.class)
class EncryptedDirectoryImportTest {
    @TempDir
    Path lost;

    @TempDir
    Path elsewhere;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void copyFolder(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String name : names(from)) {
            Files.copy(from.resolve(name), to.resolve(name));
        }
    }

    @Test
    void anEncryptedFolderCopiedBackFromOffSiteIsAdoptedWithTheKeyThenVerifiedFullyAndRestored(TestDatabase db)
            throws IOException {
        AppSchema.create(db);
        Path key = elsewhere.resolve("key.txt");
        String recipient = AgeKeys.generate(key);
        BackupEntry made = new BackupService(new ManifestStore(lost), tools).create(BackupRequest.of(db.spec(), "sealed")
                .withJobs(2).withEncryptTo(List.of(recipient)), ProgressListener.NONE, CancelToken.none());
        // the off-site copy, brought back to a new machine with an empty catalog
        Path brought = elsewhere.resolve("restored-from-s3").resolve(made.file());
        copyFolder(lost.resolve(made.file()), brought);
        SafeFiles.deleteRecursively(lost.resolve(made.file()));
        Path catalog = elsewhere.resolve("catalog");

        ImportResult noKey = new ImportService(new ManifestStore(catalog), tools).importFiles(List.of(brought.getParent()),
                ProgressListener.NONE, CancelToken.none());
        assertTrue(noKey.added().isEmpty(), noKey.toString());
        assertTrue(noKey.skipped().get(0).contains("is encrypted (age)") && noKey.skipped().get(0).contains("identity"),
                noKey.toString());
        assertTrue(!Files.exists(catalog) || names(catalog).stream().noneMatch(n -> n.contains(".dir")),
                "nothing copied in when it cannot be read");

        Path otherKey = elsewhere.resolve("other-key.txt");
        AgeKeys.generate(otherKey);
        ImportResult wrongKey = new ImportService(new ManifestStore(catalog), tools, otherKey).importFiles(List.of(brought),
                ProgressListener.NONE, CancelToken.none());
        assertTrue(wrongKey.added().isEmpty() && wrongKey.skipped().get(0).contains("does not open"), wrongKey.toString());
        assertTrue(names(catalog).stream().noneMatch(n -> n.contains(".dir")), "the copy is removed: " + names(catalog));

        ImportResult r = new ImportService(new ManifestStore(catalog), tools, key).importFiles(List.of(brought),
                ProgressListener.NONE, CancelToken.none());
        assertEquals(1, r.added().size(), r.toString());
        BackupEntry in = r.added().get(0);
        assertEquals(made.file(), in.file());
        assertEquals("directory", in.format());
        assertTrue(in.isEncrypted());
        assertEquals(List.of(recipient), in.encryption().recipients());
        assertEquals(ArchiveFiles.recorded(made), ArchiveFiles.recorded(in), "each stored NAME.age hashed as the backup did");
        assertEquals(made.hash(), in.hash());
        assertEquals(made.sizeBytes(), in.sizeBytes());
        assertEquals(db.name(), in.database(), "read from the decrypted table of contents");
        assertEquals(made.tableCount(), in.tableCount());
        assertTrue(names(catalog.resolve(in.file())).stream().allMatch(n -> n.endsWith(".age")));
        assertTrue(names(catalog).stream().noneMatch(n -> n.contains("decrypted") || n.endsWith(".partial")),
                names(catalog).toString());

        ManifestStore store = new ManifestStore(catalog);
        assertTrue(new VerifyService(store, tools).verify(in.id(), VerifyDepth.QUICK, null, ProgressListener.NONE,
                CancelToken.none()).passed(), "quick verify needs no key");
        VerifyReport full = new VerifyService(store, tools, key).verify(in.id(), VerifyDepth.FULL,
                TestServer.get().admin(), ProgressListener.NONE, CancelToken.none());
        // passed with a warning: an import records no row counts (nobody counted them at backup time), as for any import
        assertTrue(full.passed(), full.checks().toString());
        assertTrue(full.checks().stream().anyMatch(c -> c.name().equals("Test restore") && c.status() == CheckStatus.PASS),
                "decrypted and restored into a scratch database: " + full.checks());

        String restored = db.name() + "__imported";
        new RestoreService(store, tools, s -> false, key).restore(new RestoreRequest(in.id(), db.spec(), RestoreMode.NEW,
                restored, List.of(), List.of(), false, 0, false, null, false), ProgressListener.NONE, CancelToken.none());
        AppSchema.assertRows(new TestDatabase(db.server(), db.spec().withDatabase(restored)));
        assertTrue(names(catalog).stream().noneMatch(n -> n.contains("decrypted")), names(catalog).toString());
    }

    @Test
    void anEncryptedFolderLeftInABackupFolderWithoutItsCatalogIsNamedByHealthAndAdoptedWhereItIs(TestDatabase db)
            throws IOException {
        AppSchema.create(db);
        Path key = elsewhere.resolve("key.txt");
        BackupEntry made = new BackupService(new ManifestStore(lost), tools).create(BackupRequest.of(db.spec(), "sealed")
                .withJobs(2).withEncryptTo(List.of(AgeKeys.generate(key))), ProgressListener.NONE, CancelToken.none());
        Path catalog = elsewhere.resolve("catalog");
        copyFolder(lost.resolve(made.file()), catalog.resolve(made.file()));

        var health = new HealthService(new ManifestStore(catalog), d -> null).check(OffsetDateTime.now());
        assertTrue(health.checks().stream().anyMatch(c -> c.name().equals("Files without entries")
                && c.detail().contains(made.file())), "an encrypted folder without an entry is named: " + health.checks());

        ImportResult r = new ImportService(new ManifestStore(catalog), tools, key).importFiles(List.of(catalog),
                ProgressListener.NONE, CancelToken.none());
        assertEquals(1, r.added().size(), r.toString());
        assertEquals(made.file(), r.added().get(0).file(), "adopted where it is, not copied");
        assertEquals(made.hash(), r.added().get(0).hash());
        assertTrue(names(catalog).stream().noneMatch(n -> n.contains("decrypted") || n.endsWith(".partial")),
                "nothing decrypted or partial left beside it: " + names(catalog));
        assertTrue(new VerifyService(new ManifestStore(catalog), tools, key).verify(r.added().get(0).id(), VerifyDepth.ARCHIVE,
                null, ProgressListener.NONE, CancelToken.none()).passed());
    }

    @Test
    void aFolderThatIsNeitherKindOfDirectoryBackupIsNamedWithWhatImportExpected() throws IOException {
        Path noToc = elsewhere.resolve("ledger.dir");
        Files.createDirectories(noToc);
        Files.writeString(noToc.resolve("3042.dat.gz.age"), "age-encryption.org/v1 but no table of contents");
        Path mixed = elsewhere.resolve("mixed.dir");
        Files.createDirectories(mixed);
        Files.writeString(mixed.resolve("toc.dat.age"), "age-encryption.org/v1");
        Files.writeString(mixed.resolve("3042.dat.gz"), "plain data beside age files");
        Path empty = elsewhere.resolve("holiday-photos");
        Files.createDirectories(empty);
        Files.writeString(empty.resolve("beach.jpg"), "not a backup");
        Path catalog = elsewhere.resolve("catalog");

        ImportResult r = new ImportService(new ManifestStore(catalog), tools, elsewhere.resolve("no-key-needed"))
                .importFiles(List.of(noToc, mixed, empty), ProgressListener.NONE, CancelToken.none());
        assertTrue(r.added().isEmpty(), r.toString());
        assertEquals(2, r.skipped().size(), r.toString());
        assertTrue(r.skipped().get(0).contains("ledger.dir holds no table of contents (toc.dat, or toc.dat.age when "
                + "encrypted)") && r.skipped().get(0).contains("a folder of NAME.age files holding toc.dat.age"),
                r.skipped().get(0));
        assertTrue(r.skipped().get(1).contains("holds toc.dat.age but also 3042.dat.gz"), r.skipped().get(1));
        assertTrue(r.ignored().size() == 1 && r.ignored().get(0).contains("holiday-photos: holds nothing to import")
                && r.ignored().get(0).contains("a directory backup (a folder holding toc.dat"), r.ignored().toString());
        assertFalse(names(catalog).stream().anyMatch(n -> n.endsWith(".dir") || n.endsWith(".partial")),
                names(catalog).toString());
    }
}
