package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.VerifyReport;
import dev.lifeboat.core.verify.VerifyService;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A restore whose plan left the SHA-256 to it (the CLI's --yes) checks the file while pg_restore
 * runs (decision 011): a mismatch found then commits nothing, leaves the target untouched, drops
 * what was created and says what a refusal before the restore said; so does a full verify's report.
 */
@ExtendWith(PgExtension.class)
class HashBesideRestoreTest {
    private static final String MISMATCH = "The backup's SHA-256 does not match the manifest";

    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private BackupEntry backup(TestDatabase db) {
        db.execute("CREATE TABLE events (id bigint PRIMARY KEY, payload text)",
                "INSERT INTO events SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, 100000) g",
                "CREATE TABLE small (i int)", "INSERT INTO small VALUES (1), (2)", "VACUUM ANALYZE");
        return new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "beside"),
                ProgressListener.NONE, CancelToken.none());
    }

    /** The manifest records another SHA-256 than the file's: the file "was replaced", its content intact. */
    private void recordOtherHash(BackupEntry e) throws Exception {
        Path manifest = new ManifestStore(folder).manifestFile();
        String text = Files.readString(manifest, StandardCharsets.UTF_8);
        assertTrue(text.contains(e.hash()));
        Files.writeString(manifest, text.replace(e.hash(), "0".repeat(64)), StandardCharsets.UTF_8);
        assertEquals("0".repeat(64), new ManifestStore(folder).find(e.id()).hash());
    }

    private RestoreService service() {
        return new RestoreService(new ManifestStore(folder), tools, spec -> false);
    }

    private static RestoreRequest intoNew(BackupEntry e, TestDatabase db, String name, int jobs) {
        return new RestoreRequest(e.id(), db.spec(), RestoreMode.NEW, name, List.of(), List.of(), false, jobs, false, null,
                false);
    }

    private static long databases(TestDatabase db, String namePattern) {
        return db.queryLong("SELECT count(*) FROM pg_database WHERE datname LIKE '" + namePattern + "'");
    }

    /** The plan a restore run at once is given (its hash left to the restore), then the restore. */
    private LifeboatException refusedWhileRestoring(RestoreRequest req, RestoreStrategy.Kind expected) {
        RestoreService service = service();
        RestorePlan plan = service.planToRunNow(req, CancelToken.none());
        assertTrue(plan.allowed(), plan.problems().toString());
        assertEquals(expected, plan.strategy().kind(), plan.strategy().reason());
        return assertThrows(LifeboatException.class,
                () -> service.restore(req, plan, ProgressListener.NONE, CancelToken.none()));
    }

    private static void assertRefusedAsBefore(LifeboatException ex, BackupEntry e) {
        assertEquals(ErrorCode.RESTORE_REFUSED, ex.code(), ex.getMessage());
        assertEquals("The restore was refused and nothing was changed:\n- " + MISMATCH + ": " + e.file()
                + " is damaged or was replaced. Choose another backup.", ex.getMessage());
    }

    @Test
    void aMismatchFoundWhileRestoringInOneTransactionCommitsNothingAndDropsTheNewDatabase(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        recordOtherHash(e);
        String fresh = db.name() + "_beside1";

        LifeboatException ex = refusedWhileRestoring(intoNew(e, db, fresh, 0), RestoreStrategy.Kind.SINGLE_TRANSACTION);

        assertRefusedAsBefore(ex, e);
        assertEquals(0, databases(db, fresh), "the new database was dropped");
        OperationRecord last = service().history().get(0);
        assertEquals(OperationRecord.FAILED, last.outcome());
        assertTrue(last.message().startsWith("The restore was refused"), last.message());
    }

    @Test
    void aRestorePlannedOnceShowsItsPlanThenRefusesAMismatchFoundWhileLoading(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        recordOtherHash(e);
        String fresh = db.name() + "_once";
        List<RestorePlan> shown = new java.util.ArrayList<>();

        LifeboatException ex = assertThrows(LifeboatException.class, () -> service().planAndRestore(
                intoNew(e, db, fresh, 0), shown::add, ProgressListener.NONE, CancelToken.none()));

        assertEquals(1, shown.size());
        assertTrue(shown.get(0).allowed(), shown.get(0).problems().toString());
        assertTrue(shown.get(0).steps().get(0).contains("SHA-256"), shown.get(0).steps().toString());
        assertRefusedAsBefore(ex, e);
        assertEquals(0, databases(db, fresh));
    }

    @Test
    void aMismatchFoundBeforeParallelJobsStartLoadsNothingAndDropsTheNewDatabase(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        recordOtherHash(e);
        String fresh = db.name() + "_beside2";

        LifeboatException ex = refusedWhileRestoring(intoNew(e, db, fresh, 2), RestoreStrategy.Kind.PARALLEL);

        assertRefusedAsBefore(ex, e);
        assertEquals(0, databases(db, fresh), "the new database was dropped");
    }

    @Test
    void aMismatchFoundWhileReplacingLeavesTheTargetUntouched(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        db.execute("INSERT INTO small VALUES (3)");
        recordOtherHash(e);
        RestoreRequest req = RestoreRequest.of(e.id(), db.spec(), RestoreMode.REPLACE).withTerminateSessions(true);

        LifeboatException ex = refusedWhileRestoring(req, RestoreStrategy.Kind.SINGLE_TRANSACTION);

        assertRefusedAsBefore(ex, e);
        assertEquals(3, db.count("small"), "the target is as it was");
        assertEquals(0, databases(db, db.name() + "\\_\\_%"), "neither a working copy nor a rollback point is left");
    }

    @Test
    void aPlanSomeoneReadsStillChecksTheHashFirst(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        recordOtherHash(e);

        RestorePlan plan = service().plan(intoNew(e, db, db.name() + "_read", 0), CancelToken.none());

        assertFalse(plan.allowed());
        assertTrue(plan.problems().get(0).startsWith(MISMATCH), plan.problems().toString());
    }

    @Test
    void aMatchingFileRestoredBesideItsHashIsRestoredAndCounted(TestDatabase db) {
        BackupEntry e = backup(db);
        String fresh = db.name() + "_beside_ok";
        RestoreService service = service();
        RestoreRequest req = intoNew(e, db, fresh, 0);

        RestoreResult r = service.restore(req, service.planToRunNow(req, CancelToken.none()), ProgressListener.NONE,
                CancelToken.none());

        assertEquals(fresh, r.restoredDatabase());
        assertTrue(r.tables().stream().allMatch(t -> t.status() == CheckStatus.PASS), r.tables().toString());
        assertEquals(100000, new TestDatabase(db.server(), db.spec().withDatabase(fresh)).count("events"));
    }

    @Test
    void aFullVerifyOfAFlippedByteReportsTheHashFailedAndTheTestRestoreSkipped(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        Path file = folder.resolve(e.file());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            long pos = raf.length() / 2;
            raf.seek(pos);
            int b = raf.read();
            raf.seek(pos);
            raf.write(b ^ 0x01);
        }

        VerifyReport report = new VerifyService(new ManifestStore(folder), tools).verify(e.id(), VerifyDepth.FULL,
                db.server().admin(), ProgressListener.NONE, CancelToken.none());

        assertEquals(CheckStatus.FAIL, report.outcome());
        assertEquals(CheckStatus.FAIL, check(report, "SHA-256").status());
        assertEquals(CheckStatus.SKIPPED, check(report, "Test restore").status());
        assertTrue(report.checks().stream().noneMatch(c -> c.name().equals("Row counts")), report.checks().toString());
        assertNull(report.restoreSeconds());
        assertEquals(0, databases(db, "lifeboat\\_verify\\_%"), "the scratch database was dropped");
    }

    @Test
    void aFullVerifyOfASoundFileListsItsChecksInTheirOrder(TestDatabase db) {
        BackupEntry e = backup(db);

        VerifyReport report = new VerifyService(new ManifestStore(folder), tools).verify(e.id(), VerifyDepth.FULL,
                db.server().admin(), ProgressListener.NONE, CancelToken.none());

        assertEquals(CheckStatus.PASS, report.outcome(), report.checks().toString());
        List<String> names = report.checks().stream().map(CheckResult::name).toList();
        assertTrue(names.indexOf("SHA-256") < names.indexOf("Table of contents readable"), names.toString());
        assertTrue(names.indexOf("Table of contents readable") < names.indexOf("Test restore"), names.toString());
        assertEquals(CheckStatus.PASS, check(report, "Row counts").status());
    }

    private static CheckResult check(VerifyReport report, String name) {
        return report.checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError(name + " not in " + report.checks()));
    }
}
