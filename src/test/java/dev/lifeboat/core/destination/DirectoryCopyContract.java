package dev.lifeboat.core.destination;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CopyRecord;
import dev.lifeboat.core.manifest.CopyState;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.restore.RestoreMode;
import dev.lifeboat.core.restore.RestoreRequest;
import dev.lifeboat.core.restore.RestoreService;
import dev.lifeboat.core.retention.RetentionPolicy;
import dev.lifeboat.core.util.SafeFiles;
import dev.lifeboat.testsupport.AppSchema;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Copies of a directory-format backup (backup --jobs N) at every kind of destination: file by file
 * under the backup's name, each read back against its own SHA-256, recorded only when all matched;
 * a damaged remote file is named; a failed upload leaves no copy; prune removes every file.
 */
abstract class DirectoryCopyContract extends DestinationContract {

    BackupEntry folderBackup(TestDatabase db) {
        return new BackupService(store(), PgToolLocator.standard(null)).create(new BackupRequest(db.spec(),
                "folder for the copy", List.of("manual"), false, true).withJobs(2), ProgressListener.NONE, CancelToken.none());
    }

    /** The keys every file of the backup is stored under at the destination. */
    static List<String> fileKeys(BackupEntry e) {
        return ArchiveFiles.recorded(e).keySet().stream().map(n -> e.file() + "/" + n).toList();
    }

    void assertNoFileLeft(BackupEntry e) {
        try (Destination d = open(config())) {
            for (String key : fileKeys(e)) {
                assertTrue(d.stat(key).isEmpty(), key + " is still at the destination");
            }
        }
    }

    @Test
    void aDirectoryBackupIsCopiedFileByFileCheckedAndRestoredFromTheCopyAlone(TestDatabase db) throws Exception {
        AppSchema.create(db);
        BackupEntry e = folderBackup(db);
        CopyRecord c = copies().copy(e.id(), NAME, ProgressListener.NONE, CancelToken.none());
        assertEquals(CopyState.OK, c.state());
        assertEquals(e.hash(), c.hash(), "the overall hash over every file, as the entry records it");
        assertEquals(e.file(), c.key());
        try (Destination d = open(config())) {
            for (var f : ArchiveFiles.recorded(e).entrySet()) {
                String key = e.file() + "/" + f.getKey();
                assertEquals(f.getValue(), d.readBackSha256(key, ProgressListener.NONE, CancelToken.none()), key);
            }
        }
        CopyService.CopyCheck check = copies().check(e.id(), NAME, ProgressListener.NONE, CancelToken.none());
        assertTrue(check.passed(), check.detail());

        SafeFiles.deleteRecursively(store().fileOf(e));
        Files.delete(folder.resolve(e.globals().file()));
        assertFalse(copies().localFileGood(e, CancelToken.none()));
        copies().fetch(e.id(), NAME, ProgressListener.NONE, CancelToken.none());
        assertTrue(copies().localFileGood(e, CancelToken.none()), "every fetched file matches the manifest");
        try (var s = Files.list(folder)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".partial")), "no partial folder left");
        }
        String restored = db.name() + "__from_dir_copy"; // the test server drops such databases after the test
        new RestoreService(store(), PgToolLocator.standard(null), s -> false).restore(
                new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, restored, List.of(), List.of(), false, 0,
                        false, null, false), ProgressListener.NONE, CancelToken.none());
        AppSchema.assertRows(new TestDatabase(db.server(), db.spec().withDatabase(restored)));
    }

    @Test
    void aDamagedRemoteFileOfADirectoryCopyIsNamedAndNeverReplacesTheLocalFolder(TestDatabase db) throws Exception {
        AppSchema.create(db);
        BackupEntry e = folderBackup(db);
        copies().copy(e.id(), NAME, ProgressListener.NONE, CancelToken.none());
        String victim = ArchiveFiles.recorded(e).keySet().stream().filter(n -> !n.equals("toc.dat")).findFirst()
                .orElseThrow();
        damage(e.file() + "/" + victim);

        CopyService.CopyCheck check = copies().check(e.id(), NAME, ProgressListener.NONE, CancelToken.none());
        assertFalse(check.passed());
        assertTrue(check.detail().contains(victim), check.detail());
        assertEquals(CopyState.FAILED, store().find(e.id()).copyAt(NAME).orElseThrow().state());
        SafeFiles.deleteRecursively(store().fileOf(e).resolve("toc.dat")); // the local folder is damaged too
        LifeboatException refused = assertThrows(LifeboatException.class,
                () -> copies().fetch(e.id(), NAME, ProgressListener.NONE, CancelToken.none()));
        assertEquals(ErrorCode.ARCHIVE_DAMAGED, refused.code());
        assertTrue(refused.getMessage().contains(victim), refused.getMessage());
        assertTrue(Files.isRegularFile(store().fileOf(e).resolve(victim)), "the local folder was left as it was");
    }

    @Test
    void aCancelledDirectoryCopyIsNotRecordedAndWhatCouldNotBeRemovedThenThePruneRemoves(TestDatabase db) {
        AppSchema.create(db);
        BackupEntry e = folderBackup(db);
        CancelToken cancel = new CancelToken();
        AtomicInteger puts = new AtomicInteger();
        CopyService cancelling = new CopyService(store(), copies().destinations(), cfg -> new Forwarding(open(cfg)) {
            @Override
            public void put(Path file, String key, String sha256, ProgressListener progress, CancelToken c) {
                super.put(file, key, sha256, progress, c);
                if (puts.incrementAndGet() == 2) {
                    cancel.cancel(); // two files are at the destination when the person cancels
                }
            }
        });
        LifeboatException stopped = assertThrows(LifeboatException.class,
                () -> cancelling.copy(e.id(), NAME, ProgressListener.NONE, cancel));
        assertEquals(ErrorCode.CANCELLED, stopped.code(), stopped.getMessage());
        assertTrue(store().find(e.id()).copyAt(NAME).isEmpty(), "no copy recorded");
        assertNoFileLeft(e);

        // The destination fails mid-upload and cannot delete either (the network went): the copy stays
        // marked, never counted, and the destination's next prune removes every file of it.
        AtomicInteger more = new AtomicInteger();
        CopyService unreachable = new CopyService(store(), copies().destinations(), cfg -> new Forwarding(open(cfg)) {
            @Override
            public void put(Path file, String key, String sha256, ProgressListener progress, CancelToken c) {
                if (more.incrementAndGet() > 2) {
                    throw new LifeboatException(ErrorCode.IO_ERROR, "connection reset");
                }
                super.put(file, key, sha256, progress, c);
            }

            @Override
            public void delete(String key) {
                throw new LifeboatException(ErrorCode.IO_ERROR, "connection reset");
            }
        });
        assertThrows(LifeboatException.class, () -> unreachable.copy(e.id(), NAME, ProgressListener.NONE,
                CancelToken.none()));
        CopyRecord left = store().find(e.id()).copyAt(NAME).orElseThrow();
        assertEquals(CopyState.DELETING, left.state());
        assertTrue(CopyService.destinationsOf(store().find(e.id())).isEmpty(), "an unfinished copy never counts");
        LifeboatException unchecked = assertThrows(LifeboatException.class,
                () -> copies().check(e.id(), NAME, ProgressListener.NONE, CancelToken.none()));
        assertTrue(unchecked.getMessage().contains("upload not finished"), unchecked.getMessage());
        assertEquals(CopyState.DELETING, store().find(e.id()).copyAt(NAME).orElseThrow().state(), "the mark stays");
        var pruned = new RemotePruneService(store(), copies().destinations(), this::open, () -> { })
                .prune(NAME, false, OffsetDateTime.now());
        assertEquals(1, pruned.finished());
        assertTrue(store().find(e.id()).copyAt(NAME).isEmpty());
        assertNoFileLeft(e);
    }

    @Test
    void remotePruneDeletesEveryFileOfADirectoryCopy(TestDatabase db) throws Exception {
        AppSchema.create(db);
        BackupEntry first = folderBackup(db);
        Thread.sleep(1100); // a second apart, so the two backups get distinct names
        BackupEntry second = folderBackup(db);
        copies().copy(first.id(), NAME, ProgressListener.NONE, CancelToken.none());
        copies().copy(second.id(), NAME, ProgressListener.NONE, CancelToken.none());
        DestinationStore ds = copies().destinations();
        ds.replace(ds.get(NAME).withRetention(new RetentionPolicy(1, null, null, null, null, null)));
        var r = new RemotePruneService(store(), ds, this::open, () -> { }).prune(NAME, false, OffsetDateTime.now());
        assertEquals(List.of(first.id()), r.deleted());
        assertNoFileLeft(first);
        assertTrue(copies().check(second.id(), NAME, ProgressListener.NONE, CancelToken.none()).passed());
        assertTrue(Files.isDirectory(store().fileOf(first)), "the local folder follows the local policy");
    }

    /** A destination that forwards everything; tests override a verb to fail or cancel there. */
    static class Forwarding implements Destination {
        private final Destination d;

        Forwarding(Destination d) {
            this.d = d;
        }

        @Override public String describe() { return d.describe(); }
        @Override public void put(Path file, String key, ProgressListener p, CancelToken c) { d.put(file, key, p, c); }
        @Override public void put(Path file, String key, String sha256, ProgressListener p, CancelToken c) {
            d.put(file, key, sha256, p, c);
        }
        @Override public Optional<String> storedSha256(String key) { return d.storedSha256(key); }
        @Override public Optional<RemoteObject> stat(String key) { return d.stat(key); }
        @Override public String readBackSha256(String key, ProgressListener p, CancelToken c) {
            return d.readBackSha256(key, p, c);
        }
        @Override public void get(String key, Path target, ProgressListener p, CancelToken c) { d.get(key, target, p, c); }
        @Override public void delete(String key) { d.delete(key); }
        @Override public void removeFolder(String prefix) { d.removeFolder(prefix); }
        @Override public List<RemoteObject> list() { return d.list(); }
        @Override public void close() { d.close(); }
    }
}
