package dev.lifeboat.cli;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.testsupport.AppSchema;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code restore ID --to CONN --mode new --new-name N --yes}, run as a script runs it: the new database
 * is made on the connection opened while the command line is read and loaded beside the plan (decision
 * 011, session 13); -v shows what it does (it showed nothing for restore and verify before); a name
 * already taken is refused and that database is left as it was.
 */
@ExtendWith(PgExtension.class)
class EarlyRestoreCliTest {
    @TempDir
    Path home;

    @TempDir
    Path folder;

    @Test
    void aRestoreIntoANewDatabaseLoadsBesideItsPlanAndATakenNameIsRefused(TestDatabase db) throws Exception {
        SampleData.create(db);
        CliRunner cli = new CliRunner(home);
        assertEquals(0, cli.run("--folder", folder.toString(), "backup", "--db", CliRunner.uri(db)).exit());
        String copy = db.name() + "__early";

        CliRunner.Run run = cli.run("--folder", folder.toString(), "-v", "restore", "latest", "--to", CliRunner.uri(db),
                "--mode", "new", "--new-name", copy, "--yes");

        assertEquals(0, run.exit(), run.out() + run.err());
        assertTrue(run.err().contains("beside its plan"), "-v shows the restore's steps: " + run.err());
        assertTrue(run.out().contains("match the manifest"), run.out());
        TestDatabase restored = new TestDatabase(db.server(), db.spec().withDatabase(copy));
        assertEquals(db.count("customers"), restored.count("customers"));

        restored.execute("INSERT INTO customers (name) VALUES ('added after the restore')");
        CliRunner.Run again = cli.run("--folder", folder.toString(), "restore", "latest", "--to", CliRunner.uri(db),
                "--mode", "new", "--new-name", copy, "--yes");

        assertEquals(ErrorCode.RESTORE_REFUSED.exitCode(), again.exit(), again.out() + again.err());
        assertTrue(again.out().contains("already exists"), again.out());
        assertEquals(db.count("customers") + 1, restored.count("customers"), "the database of that name is untouched");
    }

    @Test
    void verboseVerifyShowsWhatItDoes(TestDatabase db) throws Exception {
        SampleData.create(db);
        CliRunner cli = new CliRunner(home);
        assertEquals(0, cli.run("--folder", folder.toString(), "backup", "--db", CliRunner.uri(db)).exit());

        CliRunner.Run verify = cli.run("--folder", folder.toString(), "-v", "verify", "latest");

        assertEquals(0, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.err().contains("INFO  Verifying"), verify.err());
    }

    @Test
    void aFullVerifyRestoresIntoTheScratchDatabaseMadeWhileItsCommandLineIsRead(TestDatabase db) throws Exception {
        AppSchema.create(db); // partitions, views, foreign keys both ways, owner roles, awkward names, large objects
        CliRunner cli = new CliRunner(home);
        assertEquals(0, cli.run("--folder", folder.toString(), "backup", "--db", CliRunner.uri(db)).exit());

        CliRunner.Run verify = cli.run("--folder", folder.toString(), "-v", "verify", "latest", "--depth", "full");

        assertEquals(0, verify.exit(), verify.out() + verify.err());
        Matcher created = Pattern.compile("Created database (lifeboat_verify_\\w+)").matcher(verify.err());
        assertTrue(created.find(), verify.err());
        String scratch = created.group(1);
        assertFalse(created.find(), "one scratch database, made early and claimed: " + verify.err());
        assertFalse(db.server().databaseExists(scratch), "dropped after the test restore");
        assertFalse(new Journal(folder).operations().values().stream()
                .anyMatch(lines -> !"end".equals(lines.get(lines.size() - 1).event())), "every intent ended");

        try (Stream<Path> files = Files.list(folder)) {
            Files.delete(files.filter(p -> p.toString().endsWith(".dump")).findFirst().orElseThrow());
        }
        CliRunner.Run missing = cli.run("--folder", folder.toString(), "-v", "verify", "latest", "--depth", "full");

        assertEquals(ErrorCode.VERIFY_FAILED.exitCode(), missing.exit(), missing.out() + missing.err());
        assertFalse(missing.err().contains("Created database"), "no scratch database for a missing file: " + missing.err());
    }
}
