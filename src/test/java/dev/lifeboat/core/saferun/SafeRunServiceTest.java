package dev.lifeboat.core.saferun;

import com.sun.net.httpserver.HttpServer;
import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.notify.Notifier;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.schedule.Schedule;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.core.schedule.ScheduledRun;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PgExtension.class)
class SafeRunServiceTest {
    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    @Test
    void backsUpFirstRunsTheCommandAndRecordsItsExitCodeAndTheWayBack(TestDatabase db) throws Exception {
        SampleData.create(db);
        Path marker = folder.resolve("ran.txt");
        SafeRunResult r = new SafeRunService(new ManifestStore(folder), tools).run(db.spec(), null,
                List.of("sh", "-c", "echo migrated > '" + marker + "'; exit 3"), ProcessBuilder.Redirect.DISCARD,
                ProgressListener.NONE, CancelToken.none());
        assertEquals(3, r.exitCode());
        assertTrue(Files.exists(marker));
        BackupEntry b = new ManifestStore(folder).find(r.backup().id());
        assertEquals(List.of("pre-migration"), b.tags());
        assertTrue(b.pinnedOrFalse());
        assertEquals(db.spec().database(), r.database().database());
        OperationRecord op = new OperationsLog(folder).find(r.operationId()).orElseThrow();
        assertEquals(OperationRecord.SAFE_RUN, op.kind());
        assertEquals(3, op.exitCode());
        assertEquals(b.id(), op.backupId());
        assertTrue(op.command().contains("exit 3"));
        assertTrue(op.message().contains("restore backup " + b.id() + " over " + db.spec().database()), op.message());
    }

    @Test
    void refusesToRunTheCommandWhenTheBackupFails() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path marker = folder.resolve("must-not-exist.txt");
        LifeboatException e = assertThrows(LifeboatException.class, () -> new SafeRunService(new ManifestStore(folder), tools)
                .run(ConnectionSpec.of("127.0.0.1", port, "x", "postgres"), null, List.of("touch", marker.toString()),
                        ProcessBuilder.Redirect.DISCARD, ProgressListener.NONE, CancelToken.none()));
        assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
        assertFalse(Files.exists(marker), "the command must not run without a backup");
    }

    @Test
    void aScheduledRunBacksUpVerifiesAndPrunesAndRecordsTheOutcome(TestDatabase db, @TempDir Path config) throws Exception {
        SampleData.create(db);
        ScheduleStore schedules = new ScheduleStore(config);
        schedules.put(new Schedule("nightly", db.spec().toUri(), folder.toString(), "daily 02:30", "archive", true));
        new dev.lifeboat.core.retention.RetentionPolicies(new dev.lifeboat.core.retention.RetentionPolicy(1, null, null,
                null, null, null), java.util.Map.of()).save(folder);
        // a scheduled run finds the password where cron would: ~/.pgpass; here the resolver stands in for it
        ScheduledRun run = new ScheduledRun(schedules,
                conn -> ConnectionSpec.parse(conn).withPassword(db.spec().password().orElse(null)), tools, new Notifier(null));
        run.run("nightly", ProgressListener.NONE, CancelToken.none());
        Thread.sleep(1100); // a second apart, so the two backups get distinct names and times
        String summary = run.run("nightly", ProgressListener.NONE, CancelToken.none());
        assertTrue(summary.contains("verified (archive)"), summary);
        assertTrue(summary.contains("pruned 1"), summary);
        ManifestStore store = new ManifestStore(folder);
        assertEquals(1, store.load().backups().size());
        assertEquals(List.of("scheduled"), store.load().backups().get(0).tags());
        ScheduleStore.LastRun last = schedules.lastRuns().get("nightly");
        assertEquals("succeeded", last.outcome());
        assertEquals(store.load().backups().get(0).id(), last.backupId());
    }

    @Test
    void aFailedScheduledRunIsRecordedAndSentToTheWebhook(@TempDir Path config) throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/hook", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        http.start();
        try {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            ScheduleStore schedules = new ScheduleStore(config);
            schedules.put(new Schedule("nightly", "postgresql://postgres@127.0.0.1:" + port + "/gone", folder.toString(),
                    "daily 02:30", null, false));
            Notifier notifier = new Notifier("http://127.0.0.1:" + http.getAddress().getPort() + "/hook");
            assertThrows(LifeboatException.class, () -> new ScheduledRun(schedules, ConnectionSpec::parse, tools, notifier)
                    .run("nightly", ProgressListener.NONE, CancelToken.none()));
            assertEquals("failed", schedules.lastRuns().get("nightly").outcome());
            assertEquals(1, received.size());
            assertTrue(received.get(0).contains("\"event\":\"scheduled-backup-failed\""), received.get(0));
            assertTrue(received.get(0).contains("nightly"), received.get(0));
        } finally {
            http.stop(0);
        }
    }
}
