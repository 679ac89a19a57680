package dev.lifeboat.core.backup;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.RawTools;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PgExtension.class)
class BackupServiceTest {
    @TempDir
    Path folder;

    private BackupService service() {
        return new BackupService(new ManifestStore(folder), PgToolLocator.standard(null));
    }

    @Test
    void backupFileHashEqualsSha256sumAndRowCountsEqualCountStar(TestDatabase db) throws Exception {
        SampleData.create(db);
        BackupEntry entry = service().create(BackupRequest.of(db.spec(), "first", "manual"), ProgressListener.NONE,
                CancelToken.none());

        Path file = folder.resolve(entry.file());
        assertTrue(Files.isRegularFile(file));
        assertEquals(Files.size(file), entry.sizeBytes());
        assertEquals(sha256sum(file), entry.hash());
        assertEquals("SHA-256", entry.hashAlgorithm());

        Map<String, Long> rows = entry.tables().stream()
                .collect(Collectors.toMap(TableStat::qualifiedName, TableStat::rows));
        assertEquals(db.count("public.customers"), rows.get("public.customers"));
        assertEquals(db.count(SampleData.MIXED), rows.get("Sales Data.Order Items"));
        assertEquals(db.count(SampleData.UNICODE), rows.get("ünïcødé.größe ñ"));
        assertEquals(0L, rows.get("public.empty_table"));
        assertEquals(5, entry.tableCount());
        assertEquals("exact", entry.rowCountMethod());
        assertEquals(Integer.parseInt(RawTools.pgRestoreHeader(file).get("TOC Entries")), entry.tocEntries());
        assertEquals("flyway", entry.migration().tool());
        assertEquals("2", entry.migration().version());
        assertNotNull(entry.serverVersion());
        assertTrue(entry.pgDumpVersion().startsWith("1"), entry.pgDumpVersion());
        assertEquals(List.of("manual"), entry.tags());

        BackupEntry stored = new ManifestStore(folder).find("latest");
        assertEquals(entry.id(), stored.id());
        assertEquals(entry.hash(), stored.hash());
        try (Stream<Path> files = Files.list(folder)) {
            assertTrue(files.noneMatch(p -> p.toString().endsWith(".partial")));
        }
    }

    @Test
    void backupOnThePasswordChecksConnectionCountsInItsSnapshotAndClosesIt(TestDatabase db) throws Exception {
        SampleData.create(db);
        java.sql.Connection[] handed = new java.sql.Connection[1];
        BackupEntry entry = Credentials.none().withConnection(db.spec(), (ready, opened) -> {
            handed[0] = opened;
            return service().create(BackupRequest.of(ready, "one connection"), opened, ProgressListener.NONE,
                    CancelToken.none());
        });
        assertNotNull(handed[0], "the password check's connection was handed over");
        assertTrue(handed[0].isClosed());
        assertEquals(sha256sum(folder.resolve(entry.file())), entry.hash());
        Map<String, Long> rows = entry.tables().stream()
                .collect(Collectors.toMap(TableStat::qualifiedName, TableStat::rows));
        assertEquals(db.count("public.customers"), rows.get("public.customers"));
        assertEquals(db.count(SampleData.MIXED), rows.get("Sales Data.Order Items"));
        assertEquals("exact", entry.rowCountMethod());
    }

    @Test
    void rowCountsDescribeTheDumpsSnapshotNotLaterWrites(TestDatabase db) {
        SampleData.create(db);
        SampleData.createLargeTable(db);
        long before = db.count("public.customers");
        List<String> inserted = new ArrayList<>();
        // Write while pg_dump runs: the counts and the archive must both ignore these rows.
        BackupEntry entry = service().create(BackupRequest.of(db.spec(), "snapshot"), (done, total, message) -> {
            if (message != null && message.startsWith("Dumping") && inserted.isEmpty()) {
                inserted.add(message);
                db.execute("INSERT INTO public.customers (name) VALUES ('late 1'), ('late 2')");
            }
        }, CancelToken.none());
        assertFalse(inserted.isEmpty());
        assertEquals(before + 2, db.count("public.customers"));
        long recorded = entry.tables().stream().filter(t -> t.name().equals("customers")).findFirst().orElseThrow().rows();
        assertEquals(before, recorded);
    }

    @Test
    void manyTablesEachGetTheirOwnExactCountAndSizeOnDisk(TestDatabase db) {
        // More tables than one counting statement takes, so counts cross batches; awkward names among them.
        db.execute("DO $$ BEGIN FOR i IN 1..130 LOOP EXECUTE format('CREATE TABLE %I (id int PRIMARY KEY)', "
                + "CASE WHEN i % 40 = 0 THEN 'Tab \"' || i || ' ü' ELSE 't' || i END); EXECUTE format("
                + "'INSERT INTO %I SELECT generate_series(1, %s)', CASE WHEN i % 40 = 0 THEN 'Tab \"' || i || ' ü' "
                + "ELSE 't' || i END, i); END LOOP; END $$");
        BackupEntry entry = service().create(BackupRequest.of(db.spec(), "many"), ProgressListener.NONE,
                CancelToken.none());
        assertEquals(130, entry.tableCount());
        for (TableStat t : entry.tables()) {
            long i = Long.parseLong(t.name().replaceAll("\\D", ""));
            assertEquals(i, t.rows(), t.qualifiedName());
            // the size on disk (table and primary key index), not the catalog's 0 for a table never vacuumed
            assertEquals(db.queryLong("SELECT pg_total_relation_size(" + sqlLiteral(Pg.ident(t.schema()) + "." + Pg.ident(t.name())) + ")"),
                    t.bytes(), t.qualifiedName());
        }
    }

    @Test
    void estimatedCountsAreLabelledAsEstimates(TestDatabase db) {
        SampleData.create(db);
        db.execute("ANALYZE");
        BackupEntry entry = service().create(new BackupRequest(db.spec(), "est", List.of("manual"), true, false),
                ProgressListener.NONE, CancelToken.none());
        assertEquals("estimated", entry.rowCountMethod());
        assertEquals(120L, entry.tables().stream().filter(t -> t.name().equals("customers")).findFirst().orElseThrow().rows());
    }

    @Test
    void killedPgDumpLeavesNoEntryAndNoPartialFile(TestDatabase db) throws IOException {
        SampleData.createLargeTable(db);
        List<Long> killed = new ArrayList<>();
        LifeboatException e = assertThrows(LifeboatException.class, () -> service().create(
                BackupRequest.of(db.spec(), "doomed"), (done, total, message) -> {
                    if (message != null && message.startsWith("Dumping") && killed.isEmpty()) {
                        ProcessHandle.current().descendants()
                                .filter(p -> p.info().command().orElse("").endsWith("pg_dump"))
                                .forEach(p -> {
                                    killed.add(p.pid());
                                    p.destroyForcibly();
                                });
                    }
                }, CancelToken.none()));
        assertFalse(killed.isEmpty(), "the test must have killed pg_dump");
        assertEquals(ErrorCode.BACKUP_FAILED, e.code(), e.getMessage());
        assertNothingLeft();
    }

    @Test
    void cancelHalfWayLeavesNoEntryAndNoPartialFile(TestDatabase db) throws IOException {
        SampleData.createLargeTable(db);
        CancelToken cancel = new CancelToken();
        LifeboatException e = assertThrows(LifeboatException.class, () -> service().create(
                BackupRequest.of(db.spec(), "cancelled"), (done, total, message) -> {
                    if (message != null && message.startsWith("Dumping")) {
                        cancel.cancel();
                    }
                }, cancel));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertNothingLeft();
    }

    @Test
    void damagedManifestStopsTheBackupBeforeDumpingAndStaysUntouched(TestDatabase db) throws IOException {
        Path manifest = folder.resolve(ManifestStore.FILE_NAME);
        Files.writeString(manifest, "{\"backups\": [ {\"file\": \"x.dump\", ", StandardCharsets.UTF_8);
        LifeboatException e = assertThrows(LifeboatException.class, () -> service().create(
                BackupRequest.of(db.spec(), "x"), ProgressListener.NONE, CancelToken.none()));
        assertEquals(ErrorCode.MANIFEST_DAMAGED, e.code());
        assertTrue(e.getMessage().contains("damaged"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was changed"), e.getMessage());
        assertEquals("{\"backups\": [ {\"file\": \"x.dump\", ", Files.readString(manifest));
        try (Stream<Path> files = Files.list(folder)) {
            assertTrue(files.noneMatch(p -> p.toString().contains(".dump")));
        }
    }

    @Test
    void aFullDiskFailsClearlyAndLeavesNoPartialFileOrEntry(TestDatabase db, @TempDir Path mountPoint) throws Exception {
        // A real full disk: a 3 MB tmpfs as the backup folder (needs root; skipped where mounting is not allowed).
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", mountPoint.toString())
                .redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0, "cannot mount a small tmpfs here");
        try {
            SampleData.createLargeTable(db);
            ManifestStore store = new ManifestStore(mountPoint);
            LifeboatException e = assertThrows(LifeboatException.class, () -> new BackupService(store,
                    PgToolLocator.standard(null)).create(BackupRequest.of(db.spec(), "too big"), ProgressListener.NONE,
                    CancelToken.none()));
            assertEquals(ErrorCode.DISK_FULL, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("is full"), e.getMessage());
            assertTrue(e.getMessage().contains("Free some space or choose another backup folder"), e.getMessage());
            try (Stream<Path> files = Files.list(mountPoint)) {
                List<String> names = files.map(p -> p.getFileName().toString()).toList();
                assertTrue(names.stream().noneMatch(n -> n.contains(".dump")), names.toString());
            }
            assertTrue(store.load().backups().isEmpty());
        } finally {
            new ProcessBuilder("umount", mountPoint.toString()).start().waitFor();
        }
    }

    private void assertNothingLeft() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            assertTrue(names.stream().noneMatch(n -> n.contains(".dump") || n.endsWith(".partial")), names.toString());
        }
        assertTrue(new ManifestStore(folder).load().backups().isEmpty());
    }

    private static String sqlLiteral(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    static String sha256sum(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sha256sum", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor());
        return out.substring(0, 64);
    }
}
