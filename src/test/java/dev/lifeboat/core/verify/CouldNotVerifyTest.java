package dev.lifeboat.core.verify;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.health.HealthReport;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.core.health.HealthState;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A verification that could not run is its own outcome, never a mark against a good backup (issue 12, item 11). */
@ExtendWith(PgExtension.class)
class CouldNotVerifyTest {
    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private BackupEntry backup(TestDatabase db) {
        return new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "good"),
                ProgressListener.NONE, CancelToken.none());
    }

    private VerifyReport verify(String id, ConnectionSpec scratch, ProgressListener progress) {
        return new VerifyService(new ManifestStore(folder), tools).verify(id, VerifyDepth.FULL, scratch, progress,
                CancelToken.none());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void assertNotAMarkAgainstTheBackup(BackupEntry entry, VerifyReport report) {
        assertEquals(CheckStatus.NOT_RUN, report.outcome(), report.checks().toString());
        assertTrue(report.notRun());
        assertFalse(report.passed());
        assertTrue(report.failures().isEmpty(), report.failures().toString());
        assertNotNull(report.notRunReason());
        BackupEntry stored = new ManifestStore(folder).find(entry.id());
        assertEquals(CheckStatus.NOT_RUN, stored.lastAttempt().outcome(), "the attempt is recorded as such");
        assertEquals("not_run", stored.lastAttempt().outcome().json());
        assertEquals(CheckStatus.PASS, stored.lastVerification().outcome(), "the earlier pass still stands");
        HealthReport health = new HealthService(new ManifestStore(folder), db -> null).check(OffsetDateTime.now());
        assertTrue(health.checks().stream().noneMatch(c -> c.state() == HealthState.CRITICAL), health.checks().toString());
        assertTrue(health.checks().stream().filter(c -> c.name().equals("Failed verifications"))
                .allMatch(c -> c.state() == HealthState.OK), health.checks().toString());
    }

    private BackupEntry backupVerifiedOnce(TestDatabase db, TestServer server) {
        SampleData.create(db);
        BackupEntry entry = backup(db);
        new VerifyService(new ManifestStore(folder), tools).verify(entry.id(), VerifyDepth.QUICK, server.admin(),
                ProgressListener.NONE, CancelToken.none());
        return entry;
    }

    @Test
    void unreachableScratchServerIsCouldNotVerifyNotAFailedBackup(TestDatabase db, TestServer server) throws Exception {
        BackupEntry entry = backupVerifiedOnce(db, server);
        ConnectionSpec nowhere = new ConnectionSpec("127.0.0.1", freePort(), "postgres", "postgres", null, Map.of());
        VerifyReport report = verify(entry.id(), nowhere, ProgressListener.NONE);
        assertNotAMarkAgainstTheBackup(entry, report);
        CheckResult restore = report.checks().stream().filter(c -> c.name().equals("Test restore")).findFirst().orElseThrow();
        assertEquals(CheckStatus.NOT_RUN, restore.status());
    }

    @Test
    void wrongScratchPasswordIsCouldNotVerify(TestDatabase db, TestServer server) {
        BackupEntry entry = backupVerifiedOnce(db, server);
        ConnectionSpec a = server.admin();
        ConnectionSpec wrong = new ConnectionSpec(a.host(), a.port(), "postgres", a.user(), "not-the-password", Map.of());
        VerifyReport report = verify(entry.id(), wrong, ProgressListener.NONE);
        assertNotAMarkAgainstTheBackup(entry, report);
        assertFalse(report.notRunReason().contains("not-the-password"), report.notRunReason());
    }

    @Test
    void pgRestoreKilledDuringTheTestRestoreIsCouldNotVerifyAndLeavesNoScratchDatabase(TestDatabase db, TestServer server) {
        BackupEntry entry = backupVerifiedOnce(db, server);
        SampleData.createLargeTable(db);
        BackupEntry big = backup(db);
        new VerifyService(new ManifestStore(folder), tools).verify(big.id(), VerifyDepth.QUICK, server.admin(),
                ProgressListener.NONE, CancelToken.none());
        List<Long> killed = new ArrayList<>();
        VerifyReport report = verify(big.id(), server.admin(), (d, t, m) -> {
            if (m != null && m.startsWith("Restoring") && killed.isEmpty()) {
                ProcessHandle.current().descendants()
                        .filter(p -> p.info().command().orElse("").endsWith("pg_restore"))
                        .forEach(p -> {
                            killed.add(p.pid());
                            p.destroyForcibly();
                        });
            }
        });
        assertFalse(killed.isEmpty(), "the test must have killed pg_restore");
        assertNotAMarkAgainstTheBackup(big, report);
        assertTrue(report.notRunReason().contains("killed"), report.notRunReason());
        assertEquals(0, TestServer.queryLong(server.admin(),
                "SELECT count(*) FROM pg_database WHERE datname LIKE 'lifeboat_verify_%'"));
        assertEquals(CheckStatus.PASS, new ManifestStore(folder).find(entry.id()).lastVerification().outcome());
    }
}
