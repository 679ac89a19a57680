package dev.lifeboat.core.backup;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.crypto.AgeKeys;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.recovery.RecoveryService;
import dev.lifeboat.core.restore.RestoreMode;
import dev.lifeboat.core.restore.RestoreRequest;
import dev.lifeboat.core.restore.RestoreResult;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * backup --jobs N --encrypt-to: every file of the folder is an age file (no plaintext is kept),
 * quick verify needs no key, full verify and restore decrypt into a private scratch folder that is
 * always removed, and the age tool plus pg_restore open it without Lifeboat.
 */
@ExtendWith(PgExtension.class)
class EncryptedDirectoryBackupTest {
    @TempDir
    Path folder;

    @TempDir
    Path keys;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private BackupEntry sealedFolder(TestDatabase db, String recipient) {
        AppSchema.create(db);
        return new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "sealed folder")
                .withJobs(2).withEncryptTo(List.of(recipient)), ProgressListener.NONE, CancelToken.none());
    }

    private List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anEncryptedFolderHoldsOnlyAgeFilesVerifiesFullyAndRestoresWithNothingDecryptedLeft(TestDatabase db)
            throws Exception {
        Path key = keys.resolve("key.txt");
        BackupEntry e = sealedFolder(db, AgeKeys.generate(key));
        Path stored = folder.resolve(e.file());
        assertTrue(e.isEncrypted());
        assertEquals(ArchiveFiles.recorded(e).keySet().stream().toList(), names(stored), "the hashes are the stored files'");
        assertTrue(names(stored).stream().allMatch(n -> n.endsWith(".age")), "no plaintext kept: " + names(stored));
        assertTrue(names(stored).contains("toc.dat.age"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)));

        ManifestStore store = new ManifestStore(folder);
        assertTrue(new VerifyService(store, tools).verify(e.id(), VerifyDepth.QUICK, null, ProgressListener.NONE,
                CancelToken.none()).passed(), "quick verify needs no key");
        LifeboatException noKey = assertThrows(LifeboatException.class, () -> new VerifyService(store, tools)
                .verify(e.id(), VerifyDepth.FULL, TestServer.get().admin(), ProgressListener.NONE, CancelToken.none()));
        assertEquals(ErrorCode.USAGE, noKey.code());
        assertTrue(noKey.getMessage().contains("identity"), noKey.getMessage());
        VerifyReport full = new VerifyService(store, tools, key).verify(e.id(), VerifyDepth.FULL,
                TestServer.get().admin(), ProgressListener.NONE, CancelToken.none());
        assertTrue(full.passed(), full.checks().toString());

        String restored = db.name() + "__sealed_dir";
        new RestoreService(store, tools, s -> false, key).restore(new RestoreRequest(e.id(), db.spec(),
                RestoreMode.NEW, restored, List.of(), List.of(), false, 0, false, null, false),
                ProgressListener.NONE, CancelToken.none());
        AppSchema.assertRows(new TestDatabase(db.server(), db.spec().withDatabase(restored)));
        assertTrue(names(folder).stream().noneMatch(n -> n.contains("decrypted")), "scratch removed: " + names(folder));
    }

    @Test
    void aSelectiveRestoreOfAnEncryptedFolderBringsTheChosenTablesCountedAndLeavesNothingDecrypted(TestDatabase db)
            throws Exception {
        Path key = keys.resolve("key.txt");
        BackupEntry e = sealedFolder(db, AgeKeys.generate(key));
        RestoreService restores = new RestoreService(new ManifestStore(folder), tools, s -> false, key);

        String lines = db.name() + "__sealed_lines";
        RestoreResult chosen = restores.restore(new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, lines,
                List.of("app.order_lines"), List.of(), false, 0, false, null, false), ProgressListener.NONE,
                CancelToken.none());
        ConnectionSpec copy = db.spec().withDatabase(lines);
        assertEquals(400, TestServer.queryLong(copy, "SELECT count(*) FROM app.order_lines"));
        assertEquals(200, TestServer.queryLong(copy, "SELECT count(*) FROM app.orders"), "the referenced table came too");
        assertEquals(0, TestServer.queryLong(copy, "SELECT count(*) FROM pg_tables WHERE tablename = 'T 1'"),
                "a table not chosen stays out");
        assertTrue(checked(chosen).containsAll(List.of("app.order_lines", "app.orders_2023", "app.customers")),
                "counted: " + checked(chosen));

        // data only, in place, of one schema: what was deleted since the backup comes back, counted
        db.execute("DELETE FROM " + AppSchema.WEIRD_ORDERS + " WHERE id > 10", "DELETE FROM " + AppSchema.WEIRD_T1
                + " WHERE id > 20 AND id NOT IN (SELECT t1_id FROM " + AppSchema.WEIRD_ORDERS + ")");
        RestoreResult inPlace = restores.restore(new RestoreRequest(e.id(), db.spec(), RestoreMode.IN_PLACE, null,
                List.of(), List.of(AppSchema.WEIRD_SCHEMA), true, 0, true, null, false), ProgressListener.NONE,
                CancelToken.none());
        assertEquals(30, db.count(AppSchema.WEIRD_T1));
        assertEquals(45, db.count(AppSchema.WEIRD_ORDERS));
        assertEquals(2, inPlace.tables().size(), inPlace.tables().toString());
        assertEquals(400, db.count("app.order_lines"), "a table outside the schema is untouched");
        assertTrue(names(folder).stream().noneMatch(n -> n.contains("decrypted")), "scratch removed: " + names(folder));
    }

    private static List<String> checked(RestoreResult r) {
        return r.tables().stream().map(TableCheck::qualifiedName).toList();
    }

    @Test
    void theAgeToolOpensEachFileAndPgRestoreListsTheFolder(TestDatabase db) throws Exception {
        Path key = keys.resolve("key.txt");
        BackupEntry e = sealedFolder(db, AgeKeys.generate(key));
        // The recovery path without Lifeboat, as README documents it: age -d each file, then pg_restore.
        Path plain = keys.resolve("plain");
        Files.createDirectory(plain);
        for (String name : names(folder.resolve(e.file()))) {
            run("age", "-d", "-i", key.toString(), "-o", plain.resolve(name.replaceFirst("\\.age$", "")).toString(),
                    folder.resolve(e.file()).resolve(name).toString());
        }
        String listing = run(pgRestore(), "-l", plain.toString());
        assertTrue(listing.contains("TABLE DATA app orders_2023"), listing);
    }

    @Test
    void aDamagedAgeFileIsNamedByQuickVerifyAndRecoverRemovesADecryptedScratchFolderOfAGoneProcess(TestDatabase db)
            throws Exception {
        BackupEntry e = sealedFolder(db, AgeKeys.generate(keys.resolve("key.txt")));
        Path victim = folder.resolve(e.file()).resolve("toc.dat.age");
        byte[] bytes = Files.readAllBytes(victim);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(victim, bytes);
        VerifyReport quick = new VerifyService(new ManifestStore(folder), tools).verify(e.id(), VerifyDepth.QUICK, null,
                ProgressListener.NONE, CancelToken.none());
        assertFalse(quick.passed());
        assertTrue(quick.checks().toString().contains("toc.dat.age"), quick.checks().toString());

        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path scratch = folder.resolve("." + e.file() + ".decrypted.tmp-" + gone.pid() + "-1");
        Files.createDirectory(scratch);
        Files.writeString(scratch.resolve("toc.dat"), "plaintext a killed verify left");
        RecoveryService recovery = new RecoveryService(new ManifestStore(folder));
        assertTrue(recovery.find().stream().anyMatch(l -> l.name().equals(scratch.getFileName().toString())),
                recovery.find().toString());
        recovery.clean();
        assertFalse(Files.exists(scratch), "recover removes the plaintext of a process that is gone");
        assertTrue(Files.isDirectory(folder.resolve(e.file())), "and never the backup");
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    private static String pgRestore() {
        Path debian = Path.of("/usr/lib/postgresql/15/bin/pg_restore");
        return Files.isExecutable(debian) ? debian.toString() : "pg_restore";
    }
}
