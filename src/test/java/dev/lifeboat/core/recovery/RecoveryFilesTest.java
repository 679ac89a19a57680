package dev.lifeboat.core.recovery;

import dev.lifeboat.core.manifest.ManifestStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which files recover takes for leftovers, and which it never touches. */
class RecoveryFilesTest {
    @TempDir
    Path folder;

    @Test
    void temporaryFilesOfDeadProcessesAndUnfinishedRolesFilesGoAndNothingElse() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        long deadPid = gone.pid();
        long livePid = ProcessHandle.current().pid();
        Files.writeString(folder.resolve("backup_manifest.json.tmp-" + deadPid + "-1"), "{");
        Files.writeString(folder.resolve("backup_manifest.json.tmp-" + livePid + "-1"), "{");
        Files.writeString(folder.resolve("ledger_20260101_000000.globals.sql"), "-- roles of a backup that never finished");
        Files.writeString(folder.resolve("kept_20260101_000000.globals.sql"), "-- roles beside a whole dump");
        Files.writeString(folder.resolve("kept_20260101_000000.dump"), "a dump that 'import' can adopt");
        Files.writeString(folder.resolve(".lifeboat-list-123.txt"), "1; 2 3 TABLE DATA public t owner");
        Files.writeString(folder.resolve("x_20260101_000000.dump.partial"), "half");

        RecoveryService recovery = new RecoveryService(new ManifestStore(folder));
        List<String> found = recovery.find().stream().map(Leftover::name).sorted().toList();
        assertEquals(List.of(".lifeboat-list-123.txt", "backup_manifest.json.tmp-" + deadPid + "-1",
                "ledger_20260101_000000.globals.sql", "x_20260101_000000.dump.partial"), found);
        assertTrue(recovery.clean().failed().isEmpty());
        assertTrue(Files.exists(folder.resolve("backup_manifest.json.tmp-" + livePid + "-1")), "a live writer's file stays");
        assertTrue(Files.exists(folder.resolve("kept_20260101_000000.globals.sql")));
        assertTrue(Files.exists(folder.resolve("kept_20260101_000000.dump")));
        assertFalse(Files.exists(folder.resolve("ledger_20260101_000000.globals.sql")));
        assertEquals(List.of(), recovery.find());
    }

    @Test
    void filesARunningOperationNamedInTheJournalAreNeverTouched() throws Exception {
        Journal.Intent running = new Journal(folder).begin("backup").file(folder.resolve("db_20260101_000000.dump.partial"));
        Files.writeString(folder.resolve("db_20260101_000000.dump.partial"), "being written");
        RecoveryService recovery = new RecoveryService(new ManifestStore(folder));
        assertEquals(List.of(), recovery.find());
        running.end();
        assertEquals(1, recovery.find().size(), "once its operation is over, a partial file is a leftover");
    }

    @Test
    void filesNamedTogetherInOneWriteAreEachProtectedWhileTheirOperationRuns() throws Exception {
        Path dump = folder.resolve("db_20260101_000000.dump.partial");
        Path roles = folder.resolve("db_20260101_000000.globals.sql.partial");
        Journal journal = new Journal(folder);
        Journal.Intent running = journal.begin("backup").files(dump, roles);
        Files.writeString(dump, "being written");
        Files.writeString(roles, "being written");
        assertEquals(3, journal.operations().values().iterator().next().size(), "a begin and two file lines");
        RecoveryService recovery = new RecoveryService(new ManifestStore(folder));
        assertEquals(List.of(), recovery.find());
        running.end();
        assertEquals(2, recovery.find().size());
    }
}
