package dev.lifeboat.core.crypto;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.importer.ImportService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.EncryptionInfo;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.restore.RestoreMode;
import dev.lifeboat.core.restore.RestoreRequest;
import dev.lifeboat.core.restore.RestoreService;
import dev.lifeboat.core.util.Hashing;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.VerifyService;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.RawTools;
import dev.lifeboat.testsupport.SampleData;
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
 * Encrypted backups are standard age files: Debian's age tool opens what Lifeboat writes (and
 * pg_restore reads the result), Lifeboat opens what the age tool writes, a quick verify needs no key,
 * and no key material lands in any file Lifeboat writes.
 */
@ExtendWith(PgExtension.class)
class AgeEncryptionTest {
    @TempDir
    Path folder;

    @TempDir
    Path keys;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private BackupEntry encryptedBackup(TestDatabase db, String recipientOrFile) {
        SampleData.create(db);
        return new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "encrypted")
                .withEncryptTo(AgeKeys.recipients(List.of(recipientOrFile))), ProgressListener.NONE, CancelToken.none());
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    @Test
    void theAgeToolOpensWhatLifeboatEncryptsAndPgRestoreReadsIt(TestDatabase db) throws Exception {
        Path key = keys.resolve("key.txt");
        String recipient = AgeKeys.generate(key);
        assertTrue(recipient.startsWith("age1"), recipient);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        BackupEntry e = encryptedBackup(db, recipient);

        Path file = folder.resolve(e.file());
        assertTrue(e.file().endsWith(".dump.age"), e.file());
        assertEquals(new EncryptionInfo("age", List.of(recipient)), e.encryption());
        assertTrue(new String(Files.readAllBytes(file), 0, 21, StandardCharsets.US_ASCII).startsWith("age-encryption.org/v1"));
        assertEquals(e.hash(), Hashing.sha256(file, ProgressListener.NONE, CancelToken.none()),
                "the hash is of the stored, encrypted file");
        assertTrue(e.tocEntries() != null && e.tocEntries() > 0, "read from the plain header as it streamed past");

        // The recovery path without Lifeboat, as README documents it (pg_restore reads standard input when
        // given no file; it takes "-" for a file name).
        String list = run("sh", "-c", "age -d -i \"$1\" \"$2\" | \"$3\" -l", "sh", key.toString(), file.toString(),
                pgRestore());
        assertTrue(list.contains("TABLE DATA public customers"), list);
        Path roles = folder.resolve(e.globals().file());
        assertTrue(e.globals().file().endsWith(".globals.sql.age"), "the roles file is encrypted too: " + e.globals());
        assertTrue(run("age", "-d", "-i", key.toString(), roles.toString()).contains("CREATE ROLE"));
        assertEquals(e.globals().hash(), Hashing.sha256(roles, ProgressListener.NONE, CancelToken.none()));

        String secret = Files.readAllLines(key).stream().filter(l -> l.startsWith("AGE-SECRET-KEY-1")).findFirst().orElseThrow();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains(secret),
                        "no key in " + f.getFileName());
            }
        }
    }

    @Test
    void lifeboatOpensWhatTheAgeToolEncryptsWithItsOwnKey(TestDatabase db) throws Exception {
        SampleData.create(db);
        Path key = keys.resolve("tool-key.txt");
        run("age-keygen", "-o", key.toString());
        Path plain = RawTools.dump(db, keys);
        Path sealed = keys.resolve("by-age.dump.age");
        String recipient = Files.readAllLines(key).stream().filter(l -> l.startsWith("# public key: "))
                .findFirst().orElseThrow().substring("# public key: ".length());
        run("age", "-r", recipient, "-o", sealed.toString(), plain.toString());

        BackupEntry described = new BackupEntry("x", null, null, "db", null, null, null, null, null, null,
                sealed.getFileName().toString(), "custom", null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null).withEncryption(new EncryptionInfo("age", List.of(recipient)));
        Path opened = AgeFiles.decryptToTemporary(described, sealed, key, CancelToken.none());
        try {
            assertEquals(Hashing.sha256(plain, ProgressListener.NONE, CancelToken.none()),
                    Hashing.sha256(opened, ProgressListener.NONE, CancelToken.none()));
        } finally {
            Files.deleteIfExists(opened);
        }

        // adopted by import: without the identity it is refused by name; with it, what it holds is read
        var refused = new ImportService(new ManifestStore(folder), tools).importFiles(List.of(sealed),
                ProgressListener.NONE, CancelToken.none());
        assertTrue(refused.added().isEmpty() && refused.skipped().get(0).contains("is encrypted (age)"),
                refused.skipped().toString());
        var imported = new ImportService(new ManifestStore(folder), tools, key).importFiles(List.of(sealed),
                ProgressListener.NONE, CancelToken.none()).added().get(0);
        assertEquals(List.of(recipient), imported.encryption().recipients());
        assertEquals(db.name(), imported.database());
        assertTrue(imported.tables().size() >= 5, "tables read from the decrypted archive: " + imported.tables());
        assertTrue(new VerifyService(new ManifestStore(folder), tools, key)
                .verify(imported.id(), VerifyDepth.ARCHIVE, null, ProgressListener.NONE, CancelToken.none()).passed());

        // and a backup encrypted to the age tool's identity file (its "# public key" line) opens with it
        BackupEntry e = new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "x")
                .withEncryptTo(AgeKeys.recipients(List.of(key.toString()))), ProgressListener.NONE, CancelToken.none());
        assertTrue(new VerifyService(new ManifestStore(folder), tools, key)
                .verify(e.id(), VerifyDepth.ARCHIVE, null, ProgressListener.NONE, CancelToken.none()).passed());

        // a folder with a recipients file encrypts every backup taken there, scheduled ones included
        Files.writeString(folder.resolve(AgeKeys.FOLDER_RECIPIENTS), "# the DBA team\n" + recipient + "\n");
        BackupEntry byDefault = new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "y"),
                ProgressListener.NONE, CancelToken.none());
        assertEquals(List.of(recipient), byDefault.encryption().recipients());
        assertTrue(byDefault.file().endsWith(".dump.age"));
    }

    @Test
    void quickVerifyNeedsNoKeyArchiveVerifyAndRestoreNeedTheRightOne(TestDatabase db) throws Exception {
        Path key = keys.resolve("key.txt");
        Path other = keys.resolve("other.txt");
        BackupEntry e = encryptedBackup(db, AgeKeys.generate(key));
        AgeKeys.generate(other);
        ManifestStore store = new ManifestStore(folder);

        assertTrue(new VerifyService(store, tools).verify(e.id(), VerifyDepth.QUICK, null, ProgressListener.NONE,
                CancelToken.none()).passed());
        LifeboatException noKey = assertThrows(LifeboatException.class, () -> new VerifyService(store, tools)
                .verify(e.id(), VerifyDepth.ARCHIVE, null, ProgressListener.NONE, CancelToken.none()));
        assertTrue(noKey.getMessage().contains("is encrypted") && noKey.getMessage().contains("identity"),
                noKey.getMessage());
        LifeboatException wrongKey = assertThrows(LifeboatException.class, () -> new VerifyService(store, tools, other)
                .verify(e.id(), VerifyDepth.ARCHIVE, null, ProgressListener.NONE, CancelToken.none()));
        assertEquals(ErrorCode.USAGE, wrongKey.code());
        assertTrue(wrongKey.getMessage().contains("does not open"), wrongKey.getMessage());

        assertTrue(new VerifyService(store, tools, key).verify(e.id(), VerifyDepth.ARCHIVE, null,
                ProgressListener.NONE, CancelToken.none()).passed());

        String restored = db.name() + "__decrypted";
        new RestoreService(store, tools, s -> false, key).restore(new RestoreRequest(e.id(), db.spec(),
                RestoreMode.NEW, restored, List.of(), List.of(), false, 0, false, null, false),
                ProgressListener.NONE, CancelToken.none());
        assertEquals(120L, TestServer.queryLong(db.spec().withDatabase(restored), "SELECT count(*) FROM public.customers"));
        try (Stream<Path> files = Files.list(folder)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().contains("decrypted")),
                    "no decrypted copy is left behind");
        }
    }

    private static String pgRestore() {
        Path debian = Path.of("/usr/lib/postgresql/15/bin/pg_restore");
        return Files.isExecutable(debian) ? debian.toString() : "pg_restore";
    }
}
