package dev.lifeboat.core.destination;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CopyRecord;
import dev.lifeboat.core.manifest.CopyState;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.restore.RestoreMode;
import dev.lifeboat.core.restore.RestoreRequest;
import dev.lifeboat.core.restore.RestoreService;
import dev.lifeboat.core.manifest.BackupDeleter;
import dev.lifeboat.core.retention.PruneResult;
import dev.lifeboat.core.retention.PruneService;
import dev.lifeboat.core.retention.RetentionDecision;
import dev.lifeboat.core.retention.RetentionPolicies;
import dev.lifeboat.core.retention.RetentionPolicy;
import dev.lifeboat.core.util.Hashing;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every destination must do, run against a real server of its kind: the copy is read back
 * before it counts, a damaged copy is caught, a restore works from the copy alone, an interrupted
 * upload leaves nothing, and prune follows the destination's own policy.
 */
abstract class DestinationContract {
    static final String NAME = "offsite";

    @TempDir
    Path folder;

    @TempDir
    Path scratch;

    /** The destination's configuration (automatic, no retention). */
    abstract DestinationConfig config();

    /** Opens the destination as the app would, or with settings a test needs (small parts). */
    Destination open(DestinationConfig config) {
        return Destinations.open(config);
    }

    /** Flips a byte of the stored object, on the server's own disk. */
    abstract void damage(String key) throws Exception;

    /** Uploads still pending on the server (S3's multipart uploads); none for most stores. */
    List<String> unfinishedUploads(Destination d) {
        return List.of();
    }

    ManifestStore store() {
        return new ManifestStore(folder);
    }

    CopyService copies() {
        DestinationStore ds = new DestinationStore(folder);
        if (ds.all().isEmpty()) {
            ds.add(config());
        }
        return new CopyService(store(), ds, this::open);
    }

    BackupEntry backup(TestDatabase db) {
        SampleData.create(db);
        return new BackupService(store(), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "for the copy"), ProgressListener.NONE, CancelToken.none());
    }

    @Test
    void copyIsReadBackAndRecordedWithItsHash(TestDatabase db) {
        BackupEntry e = backup(db);
        CopyRecord c = copies().copy(e.id(), NAME, ProgressListener.NONE, CancelToken.none());
        assertEquals(CopyState.OK, c.state());
        assertEquals(e.hash(), c.hash());
        assertEquals(e.sizeBytes(), c.sizeBytes());
        CopyRecord recorded = store().find(e.id()).copyAt(NAME).orElseThrow();
        assertEquals(e.file(), recorded.key());
        assertNotNull(recorded.uploaded());
        assertNotNull(recorded.lastChecked());
        try (Destination d = open(config())) {
            assertEquals(e.sizeBytes(), d.stat(e.file()).orElseThrow().sizeBytes());
            assertTrue(d.stat(e.globals().file()).isPresent(), "the roles file goes with the dump");
        }
        assertTrue(copies().check(e.id(), NAME, ProgressListener.NONE, CancelToken.none()).passed());
    }

    @Test
    void damagedRemoteCopyIsCaughtAndRecordedAsFailed(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        copies().copy(e.id(), NAME, ProgressListener.NONE, CancelToken.none());
        damage(e.file());
        CopyService.CopyCheck check = copies().check(e.id(), NAME, ProgressListener.NONE, CancelToken.none());
        assertFalse(check.passed(), check.detail());
        assertEquals(CopyState.FAILED, store().find(e.id()).copyAt(NAME).orElseThrow().state());
        LifeboatException refused = assertThrows(LifeboatException.class,
                () -> copies().fetch(e.id(), NAME, ProgressListener.NONE, CancelToken.none()));
        assertEquals(ErrorCode.ARCHIVE_DAMAGED, refused.code());
        assertTrue(Files.isRegularFile(store().fileOf(e)), "a bad copy never replaces the local file");
    }

    @Test
    void restoreFromTheRemoteCopyWithTheLocalFileDeleted(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        copies().copy(e.id(), NAME, ProgressListener.NONE, CancelToken.none());
        Files.delete(store().fileOf(e));
        Files.delete(folder.resolve(e.globals().file()));

        copies().fetch(e.id(), NAME, ProgressListener.NONE, CancelToken.none());
        assertEquals(e.hash(), Hashing.sha256(store().fileOf(e), ProgressListener.NONE, CancelToken.none()));
        assertTrue(Files.isRegularFile(folder.resolve(e.globals().file())));

        String restored = db.name() + "__from_copy"; // the test server drops such databases after the test
        new RestoreService(store(), PgToolLocator.standard(null), s -> false).restore(
                new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, restored, List.of(), List.of(), false, 0,
                        false, null, false), ProgressListener.NONE, CancelToken.none());
        assertEquals(120L, TestServer.queryLong(db.spec().withDatabase(restored), "SELECT count(*) FROM public.customers"));
    }

    @Test
    void aLargeFileGoesUpWholeAndReadsBackTheSame() throws Exception {
        Path big = scratch.resolve("big.dump");
        byte[] data = new byte[12 << 20]; // three parts where the store takes parts of 5 MB
        new Random(7).nextBytes(data);
        Files.write(big, data);
        List<Double> seen = new java.util.ArrayList<>();
        try (Destination d = open(config())) {
            d.put(big, "big.dump", (done, total, msg) -> seen.add(done), CancelToken.none());
            assertEquals(data.length, d.stat("big.dump").orElseThrow().sizeBytes());
            assertEquals(Hashing.sha256(big, ProgressListener.NONE, CancelToken.none()),
                    d.readBackSha256("big.dump", ProgressListener.NONE, CancelToken.none()));
            assertTrue(unfinishedUploads(d).isEmpty());
        }
        assertTrue(seen.size() >= 2, "progress while uploading: " + seen);
    }

    @Test
    void interruptedUploadLeavesNothing() throws Exception {
        Path big = scratch.resolve("big.dump");
        byte[] data = new byte[12 << 20];
        new Random(13).nextBytes(data);
        Files.write(big, data);
        CancelToken cancel = new CancelToken();
        try (Destination d = open(config())) {
            LifeboatException e = assertThrows(LifeboatException.class, () -> d.put(big, "big.dump",
                    (done, total, msg) -> {
                        if (done > 0 && done < total) {
                            cancel.cancel();
                        }
                    }, cancel));
            assertEquals(ErrorCode.CANCELLED, e.code(), e.getMessage());
            assertTrue(d.stat("big.dump").isEmpty(), "no object under the key");
            assertTrue(d.list().isEmpty(), "nothing beside it: " + d.list());
            assertTrue(unfinishedUploads(d).isEmpty(), "no unfinished upload: " + unfinishedUploads(d));
        }
    }

    @Test
    void pruneFollowsTheDestinationsOwnPolicyAndFinishesAfterACrash() throws Exception {
        List<String> ids = threeCopiedBackups();
        DestinationStore ds = new DestinationStore(folder);
        ds.replace(ds.get(NAME).withRetention(new RetentionPolicy(1, null, null, null, null, null)));

        RemotePruneService crashing = new RemotePruneService(store(), ds, this::open, () -> {
            throw new IllegalStateException("crash between the mark and the delete");
        });
        OffsetDateTime now = OffsetDateTime.parse("2026-02-01T00:00:00Z");
        assertThrows(IllegalStateException.class, () -> crashing.prune(NAME, false, now));
        assertEquals(1, store().load().backups().stream().filter(b -> b.copyAt(NAME).orElseThrow().state()
                == CopyState.DELETING).count(), "the crash left one copy marked, its object still there");

        var result = new RemotePruneService(store(), ds, this::open, () -> { }).prune(NAME, false, now);
        assertEquals(1, result.finished());
        try (Destination d = open(config())) {
            assertTrue(d.stat(ids.get(0) + ".dump").isEmpty());
            assertTrue(d.stat(ids.get(1) + ".dump").isEmpty());
            assertTrue(d.stat(ids.get(2) + ".dump").isPresent());
        }
        for (String id : ids) {
            assertTrue(Files.isRegularFile(folder.resolve(id + ".dump")), "local files follow the local policy");
        }
        assertTrue(store().find(ids.get(0)).copyAt(NAME).isEmpty());
        assertTrue(store().find(ids.get(1)).copyAt(NAME).isEmpty());
        assertTrue(store().find(ids.get(2)).copyAt(NAME).orElseThrow().isOk());
    }

    /** Three dated synthetic backups, each copied to the destination. */
    private List<String> threeCopiedBackups() throws Exception {
        CopyService copies = copies();
        List<String> ids = List.of("db_20260101_000000", "db_20260102_000000", "db_20260103_000000");
        for (int i = 0; i < ids.size(); i++) {
            Path f = folder.resolve(ids.get(i) + ".dump");
            Files.writeString(f, "backup " + i);
            BackupEntry entry = Entries.entry(ids.get(i), "2026-01-0" + (i + 1) + "T00:00:00Z", f.getFileName().toString(),
                    Hashing.sha256(f, ProgressListener.NONE, CancelToken.none()));
            store().update(m -> m.withAdded(entry));
            copies.copy(ids.get(i), NAME, ProgressListener.NONE, CancelToken.none());
        }
        new RetentionPolicies(new RetentionPolicy(1, null, null, null, null, null), java.util.Map.of()).save(folder);
        return ids;
    }

    @Test
    void localPruneTakesTheCopiesOfADestinationWithoutAPolicyAndFinishesAfterACrash() throws Exception {
        List<String> ids = threeCopiedBackups();
        DestinationStore ds = new DestinationStore(folder);
        OffsetDateTime now = OffsetDateTime.parse("2026-02-01T00:00:00Z");
        PruneCopies crashing = new PruneCopies(store(), ds, this::open, () -> {
            throw new IllegalStateException("crash between the mark and the remote delete");
        });
        assertThrows(IllegalStateException.class, () -> new PruneService(store(), new BackupDeleter(store()), crashing)
                .prune(false, now));
        assertEquals(1, store().load().backups().stream().filter(b -> b.copyAt(NAME).orElseThrow().state()
                == CopyState.DELETING).count(), "the crash left one entry whole, its copy marked");

        PruneResult r = new PruneService(store(), new BackupDeleter(store()), new PruneCopies(store(), ds, this::open,
                () -> { })).prune(false, now);
        assertEquals(1, r.finishedPending(), "the marked copy was finished first");
        assertEquals(List.of(ids.get(0), ids.get(1)), r.deleted().stream().sorted().toList());
        try (Destination d = open(config())) {
            assertTrue(d.stat(ids.get(0) + ".dump").isEmpty(), "no orphaned copy");
            assertTrue(d.stat(ids.get(1) + ".dump").isEmpty(), "no orphaned copy");
            assertTrue(d.stat(ids.get(2) + ".dump").isPresent());
            assertEquals(List.of(ids.get(2) + ".dump"), d.list().stream().map(Destination.RemoteObject::key).toList());
        }
        assertEquals(List.of(ids.get(2)), store().load().backups().stream().map(BackupEntry::id).toList());
    }

    @Test
    void localPruneKeepsAnEntryWhoseCopyTheDestinationsOwnPolicyKeeps() throws Exception {
        List<String> ids = threeCopiedBackups();
        DestinationStore ds = new DestinationStore(folder);
        ds.replace(ds.get(NAME).withRetention(new RetentionPolicy(2, null, null, null, null, null)));
        OffsetDateTime now = OffsetDateTime.parse("2026-02-01T00:00:00Z");

        PruneResult dry = new PruneService(store()).prune(true, now);
        assertEquals(List.of(ids.get(0)), dry.toDelete().stream().map(RetentionDecision::backupId).toList(),
                "the dry run says the same as the run");
        PruneResult r = new PruneService(store(), new BackupDeleter(store()), new PruneCopies(store(), ds, this::open,
                () -> { })).prune(false, now);
        assertEquals(List.of(ids.get(0)), r.deleted());
        assertTrue(r.decisions().stream().filter(d -> d.backupId().equals(ids.get(1))).findFirst().orElseThrow()
                .reasons().get(0).contains("own retention"));
        assertTrue(store().find(ids.get(1)).copyAt(NAME).orElseThrow().isOk(), "its copy still counts");
        assertTrue(Files.isRegularFile(folder.resolve(ids.get(1) + ".dump")));
        try (Destination d = open(config())) {
            assertTrue(d.stat(ids.get(0) + ".dump").isEmpty(), "the dropped one's copy went with it");
            assertTrue(d.stat(ids.get(1) + ".dump").isPresent());
        }
    }
}
