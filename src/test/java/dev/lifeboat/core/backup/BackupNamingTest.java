package dev.lifeboat.core.backup;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.core.health.HealthState;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.VerifyService;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids and file names come from the whole database name, and stay unique (issue 12, items 2 and 3). */
@ExtendWith(PgExtension.class)
class BackupNamingTest {
    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private ConnectionSpec database(TestServer server, String name) {
        TestServer.execute(server.admin(), "DROP DATABASE IF EXISTS " + Pg.ident(name), "CREATE DATABASE " + Pg.ident(name));
        ConnectionSpec spec = server.admin().withDatabase(name);
        TestServer.execute(spec, "CREATE TABLE t (i int)", "INSERT INTO t SELECT generate_series(1, 10)");
        return spec;
    }

    private BackupEntry backup(ConnectionSpec spec) {
        return new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(spec, spec.database()),
                ProgressListener.NONE, CancelToken.none());
    }

    @Test
    void dottedNonAsciiAndSpacedNamesGetTheirOwnIdsFilesAndRolesFiles(TestServer server) {
        List<String> names = List.of("app.v2", "app", "app_v2", "größe", "grüße", "with space", "acme.prod");
        try {
            List<BackupEntry> entries = new ArrayList<>();
            for (String n : names) {
                ConnectionSpec spec = database(server, n);
                entries.add(backup(spec));
                entries.add(backup(spec));
            }
            Set<String> ids = new HashSet<>();
            Set<String> files = new HashSet<>();
            for (BackupEntry e : entries) {
                assertTrue(ids.add(e.id()), "duplicate id " + e.id());
                assertTrue(files.add(e.file()), "duplicate file " + e.file());
                assertTrue(files.add(e.globals().file()), "shared roles file " + e.globals().file());
                assertTrue(Files.isRegularFile(folder.resolve(e.file())));
            }
            ManifestStore store = new ManifestStore(folder);
            assertEquals(entries.size(), store.load().backups().size());
            assertEquals(List.of(), store.load().duplicateIds());

            BackupEntry newestDotted = entries.get(1);
            new VerifyService(store, tools).verify(newestDotted.id(), VerifyDepth.QUICK, null, ProgressListener.NONE,
                    CancelToken.none());
            for (BackupEntry e : store.load().backups()) {
                assertEquals(e.id().equals(newestDotted.id()) ? 1 : 0, e.verifications().size(), e.id());
            }
            assertEquals("app.v2", store.find(newestDotted.id()).database());
        } finally {
            names.forEach(n -> TestServer.execute(server.admin(), "DROP DATABASE IF EXISTS " + Pg.ident(n) + " WITH (FORCE)"));
        }
    }

    @Test
    void duplicateIdsInAHandEditedManifestAreReportedAndNeverMerged(TestServer server) throws Exception {
        ConnectionSpec spec = database(server, "dup_ids");
        try {
            BackupEntry a = backup(spec);
            BackupEntry b = backup(spec);
            ManifestStore store = new ManifestStore(folder);
            String text = Files.readString(store.manifestFile()).replace("\"" + b.id() + "\"", "\"" + a.id() + "\"");
            Files.writeString(store.manifestFile(), text);
            assertEquals(List.of(a.id()), store.load().duplicateIds());
            byte[] before = Files.readAllBytes(store.manifestFile());

            LifeboatException ex = assertThrows(LifeboatException.class, () -> new VerifyService(store, tools)
                    .verify(a.id(), VerifyDepth.QUICK, null, ProgressListener.NONE, CancelToken.none()));
            assertEquals(ErrorCode.MANIFEST_DAMAGED, ex.code());
            assertTrue(ex.getMessage().contains(a.id()), ex.getMessage());
            assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(store.manifestFile())), "nothing written");
            assertThrows(LifeboatException.class, () -> store.update(m -> m.withRemoved(a.id())));
            assertEquals(2, store.load().backups().size());

            var health = new HealthService(store, db -> null).check(OffsetDateTime.now());
            assertTrue(health.checks().stream().anyMatch(c -> c.name().equals("Unique ids")
                    && c.state() == HealthState.CRITICAL && c.detail().contains(a.id())), health.checks().toString());
        } finally {
            TestServer.execute(server.admin(), "DROP DATABASE IF EXISTS dup_ids WITH (FORCE)");
        }
    }

    @Test
    void backupsOfOneDatabaseStartedInTheSameSecondAllSucceedWithDistinctFiles(TestServer server) throws Exception {
        ConnectionSpec spec = database(server, "same_second");
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            boolean sharedASecond = false;
            for (int round = 0; round < 3 && !sharedASecond; round++) {
                CyclicBarrier start = new CyclicBarrier(n);
                List<Future<BackupEntry>> runs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    runs.add(pool.submit(() -> {
                        start.await();
                        return backup(spec);
                    }));
                }
                Set<String> stamps = new HashSet<>();
                Set<String> files = new HashSet<>();
                for (Future<BackupEntry> f : runs) {
                    BackupEntry e = f.get(); // a failed backup throws here
                    stamps.add(e.timestamp());
                    assertTrue(files.add(e.file()), "two backups wrote " + e.file());
                    assertTrue(Files.isRegularFile(folder.resolve(e.file())));
                    assertTrue(Files.isRegularFile(folder.resolve(e.globals().file())));
                }
                sharedASecond = stamps.size() < n;
            }
            assertTrue(sharedASecond, "the test must have started backups in the same second");
            ManifestStore store = new ManifestStore(folder);
            assertEquals(List.of(), store.load().duplicateIds());
            try (var s = Files.list(folder)) {
                assertTrue(s.noneMatch(p -> p.toString().endsWith(".partial")), "no partial file left");
            }
            for (BackupEntry e : store.load().backups()) {
                var r = new VerifyService(store, tools).verify(e.id(), VerifyDepth.QUICK, null, ProgressListener.NONE,
                        CancelToken.none());
                assertTrue(r.passed(), r.checks().toString());
            }
        } finally {
            pool.shutdownNow();
            TestServer.execute(server.admin(), "DROP DATABASE IF EXISTS same_second WITH (FORCE)");
        }
    }
}
