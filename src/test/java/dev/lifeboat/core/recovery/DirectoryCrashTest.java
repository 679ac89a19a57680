package dev.lifeboat.core.recovery;

import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.core.health.HealthState;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** kill -9 of backup --jobs 2 while its workers write data files, then recover (issue 14). */
@ExtendWith(PgExtension.class)
class DirectoryCrashTest {
    @TempDir
    Path folder;

    @TempDir
    Path home;

    private RecoveryService recovery() {
        return new RecoveryService(new ManifestStore(folder), s -> s.withPassword(TestServer.ADMIN_PASSWORD));
    }

    private List<String> names(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private boolean writingData() {
        return names(folder).stream().filter(n -> n.endsWith(".dir.partial"))
                .anyMatch(n -> names(folder.resolve(n)).stream().anyMatch(f -> f.endsWith(".dat.gz")));
    }

    @Test
    void backupWithJobsKilledWhileDumpingLeavesAPartialFolderThatRecoverRemovesAfterStoppingItsWorkers(TestDatabase db)
            throws Exception {
        SampleData.create(db);
        SampleData.createLargeTable(db);
        Process p = CliProcess.start(home, "--folder", folder.toString(), "backup", "--jobs", "2", "--db",
                CliProcess.uri(db.spec()));
        assertTrue(CliProcess.killWhen(p, this::writingData, 120_000),
                () -> "killed while the workers wrote; the command printed:\n" + CliProcess.output(home));

        List<Leftover> found = recovery().find();
        assertTrue(found.stream().anyMatch(l -> l.kind() == Leftover.Kind.FILE && l.name().endsWith(".dir.partial")),
                found.toString());
        var health = new HealthService(new ManifestStore(folder), d -> null).check(OffsetDateTime.now());
        assertTrue(health.checks().stream().anyMatch(c -> c.name().startsWith("Leftovers") && c.state() == HealthState.WARNING));

        RecoveryService.Result r = recovery().clean();
        assertEquals(List.of(), r.failed());
        Thread.sleep(1000); // an orphaned worker that still wrote would bring the folder back
        assertEquals(List.of(), names(folder).stream().filter(n -> n.contains(".dir")).toList());
        assertEquals(0, TestServer.queryLong(db.server().admin(), "SELECT count(*) FROM pg_stat_activity "
                + "WHERE application_name LIKE 'lifeboat %' AND datname = '" + db.name() + "'"), "pg_dump's sessions ended");
        assertEquals(List.of(), recovery().find(), "recover leaves nothing behind");
        assertTrue(new ManifestStore(folder).load().backups().isEmpty());
    }
}
