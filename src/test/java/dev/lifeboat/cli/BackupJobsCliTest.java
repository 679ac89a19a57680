package dev.lifeboat.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** backup --jobs N on the command line: a folder backup that verify and restore take like any other; bad N refused. */
@ExtendWith(PgExtension.class)
class BackupJobsCliTest {
    @TempDir
    Path home;

    @TempDir
    Path folder;

    private static String uri(TestDatabase db) {
        return CliRunner.uri(db);
    }

    @Test
    void backupWithTwoJobsIsAFolderThatVerifiesAndRestoresIntoANewDatabase(TestDatabase db) throws Exception {
        SampleData.create(db);
        CliRunner cli = new CliRunner(home);
        CliRunner.Run backup = cli.run("--folder", folder.toString(), "backup", "--db", uri(db), "--jobs", "2", "--json");
        assertEquals(0, backup.exit(), backup.err());
        JsonNode entry = Json.MAPPER.readTree(backup.out());
        assertEquals("directory", entry.get("format").asText());
        assertTrue(entry.get("files").has("toc.dat"), entry.toString());
        assertTrue(Files.isDirectory(folder.resolve(entry.get("file").asText())));

        CliRunner.Run verify = cli.run("--folder", folder.toString(), "verify", "latest", "--depth", "archive");
        assertEquals(0, verify.exit(), verify.out() + verify.err());
        String copy = db.name() + "__jobs";
        CliRunner.Run restore = cli.run("--folder", folder.toString(), "restore", "latest", "--to", uri(db),
                "--mode", "new", "--new-name", copy, "--yes");
        assertEquals(0, restore.exit(), restore.out() + restore.err());
        assertEquals(db.count(SampleData.MIXED), dev.lifeboat.testsupport.TestServer.queryLong(
                db.spec().withDatabase(copy), "SELECT count(*) FROM " + SampleData.MIXED));
    }

    @Test
    void jobsOfZeroNegativeOrAboveSixtyFourAreUsageErrorsThatWriteNothing(TestDatabase db) throws Exception {
        CliRunner cli = new CliRunner(home);
        for (String bad : new String[] {"0", "-3", "65"}) {
            CliRunner.Run r = cli.run("--folder", folder.toString(), "backup", "--db", uri(db), "--jobs", bad);
            assertEquals(ErrorCode.USAGE.exitCode(), r.exit(), r.err());
            assertTrue(r.err().contains("--jobs needs a number of parallel pg_dump workers from 2 to 64, not " + bad),
                    r.err());
        }
        try (var s = Files.list(folder)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".dir")), "nothing written");
        }
    }

    @Test
    void aScheduleWithJobsStoresThemAndItsRunAndSafeRunTakeFolderBackups(TestDatabase db) throws Exception {
        SampleData.create(db);
        CliRunner cli = new CliRunner(home);
        CliRunner.Run install = cli.run("--folder", folder.toString(), "schedule", "install", "nightly", "--db", uri(db),
                "--at", "daily 02:30", "--jobs", "2", "--no-install");
        assertEquals(0, install.exit(), install.out() + install.err());
        JsonNode saved = Json.MAPPER.readTree(home.resolve("config/schedules.json").toFile()).get(0);
        assertEquals(2, saved.get("jobs").asInt(), saved.toString());

        CliRunner.Run scheduled = cli.run("scheduled-run", "nightly");
        assertEquals(0, scheduled.exit(), scheduled.out() + scheduled.err());
        CliRunner.Run safe = cli.run("--folder", folder.toString(), "run", "--db", uri(db), "--jobs", "2", "--", "true");
        assertEquals(0, safe.exit(), safe.out() + safe.err());

        JsonNode list = Json.MAPPER.readTree(cli.run("--folder", folder.toString(), "list", "--json").out());
        assertEquals(2, list.size(), list.toString());
        for (JsonNode e : list) {
            assertEquals("directory", e.get("format").asText(), e.toString());
            assertTrue(Files.isDirectory(folder.resolve(e.get("file").asText())), e.toString());
        }
    }

    @Test
    void aFolderBackupIsCopiedVerifiedAtTheDestinationAndRestoredFromItWhenTheLocalFolderIsGone(TestDatabase db,
                                                                                              @TempDir Path remote)
            throws Exception {
        dev.lifeboat.testsupport.AppSchema.create(db);
        CliRunner cli = new CliRunner(home);
        String f = folder.toString();
        CliRunner.Run add = cli.run("--folder", f, "destination", "add", "offsite", remote.toUri().toString());
        assertEquals(0, add.exit(), add.out() + add.err());
        CliRunner.Run backup = cli.run("--folder", f, "backup", "--db", uri(db), "--jobs", "2", "--copy-to", "offsite",
                "--json");
        assertEquals(0, backup.exit(), backup.out() + backup.err());
        JsonNode entry = Json.MAPPER.readTree(backup.out());
        assertEquals("ok", entry.get("copies").get(0).get("state").asText().toLowerCase(), entry.toString());
        assertTrue(Files.isRegularFile(remote.resolve(entry.get("file").asText()).resolve("toc.dat")));

        CliRunner.Run atDest = cli.run("--folder", f, "verify", "latest", "--at", "offsite");
        assertEquals(0, atDest.exit(), atDest.out() + atDest.err());
        assertTrue(atDest.out().contains("PASS"), atDest.out());

        dev.lifeboat.core.util.SafeFiles.deleteRecursively(folder.resolve(entry.get("file").asText()));
        String copy = db.name() + "__from_offsite";
        CliRunner.Run restore = cli.run("--folder", f, "restore", "latest", "--to", uri(db), "--mode", "new",
                "--new-name", copy, "--from", "offsite", "--yes");
        assertEquals(0, restore.exit(), restore.out() + restore.err());
        assertTrue(restore.err().contains("Fetched " + entry.get("file").asText()), restore.err());
        dev.lifeboat.testsupport.AppSchema.assertRows(new TestDatabase(db.server(), db.spec().withDatabase(copy)));
    }

    @Test
    void anEncryptedFolderCopiedOffSiteIsImportedOnANewMachineWithItsIdentityAndRestored(TestDatabase db,
            @TempDir Path remote, @TempDir Path newMachine) throws Exception {
        dev.lifeboat.testsupport.AppSchema.create(db);
        Path key = home.resolve("key.txt");
        String recipient = dev.lifeboat.core.crypto.AgeKeys.generate(key);
        CliRunner cli = new CliRunner(home);
        assertEquals(0, cli.run("--folder", folder.toString(), "destination", "add", "offsite", remote.toUri().toString())
                .exit());
        CliRunner.Run backup = cli.run("--folder", folder.toString(), "backup", "--db", uri(db), "--jobs", "2",
                "--encrypt-to", recipient, "--copy-to", "offsite", "--json");
        assertEquals(0, backup.exit(), backup.out() + backup.err());
        String file = Json.MAPPER.readTree(backup.out()).get("file").asText();
        Path offsite = remote.resolve(file);
        assertTrue(Files.isRegularFile(offsite.resolve("toc.dat.age")), "the copy holds only age files");

        // the machine is lost: a new one, its own empty catalog, the folder fetched back from off-site
        CliRunner fresh = new CliRunner(Files.createDirectories(newMachine.resolve("home")));
        String catalog = newMachine.resolve("backups").toString();
        CliRunner.Run noKey = fresh.run("--folder", catalog, "import", offsite.toString());
        assertEquals(ErrorCode.ARCHIVE_DAMAGED.exitCode(), noKey.exit(), noKey.out() + noKey.err());
        assertTrue(noKey.out().contains("is encrypted (age)") && noKey.out().contains("identity file"), noKey.out());
        CliRunner.Run imported = fresh.run("--folder", catalog, "import", offsite.toString(), "--identity", key.toString());
        assertEquals(0, imported.exit(), imported.out() + imported.err());
        assertTrue(imported.out().contains("Imported " + file + " as ") && imported.out().contains("(directory"),
                imported.out());

        String copy = db.name() + "__new_machine";
        CliRunner.Run restore = fresh.run("--folder", catalog, "restore", "latest", "--to", uri(db), "--mode", "new",
                "--new-name", copy, "--identity", key.toString(), "--yes");
        assertEquals(0, restore.exit(), restore.out() + restore.err());
        dev.lifeboat.testsupport.AppSchema.assertRows(new TestDatabase(db.server(), db.spec().withDatabase(copy)));
    }
}
