package dev.lifeboat.ui;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.log.LogBus;
import dev.lifeboat.ui.manifest.BackupRow;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.io.RandomAccessFile;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Drives the real main window as a user would: clicks, types, and reads what the screen shows. */
@ExtendWith(PgExtension.class)
class MainWindowTest extends FxTestBase {
    /** The backup's server asks for a password (scram) that the manifest never holds: type it as a user would. */
    private static void answerPassword(FxRobot robot) throws Exception {
        waitUntil(30, () -> robot.lookup("#passwordField").tryQuery().isPresent());
        robot.clickOn("#passwordField").write(dev.lifeboat.testsupport.TestServer.ADMIN_PASSWORD);
        robot.clickOn("#passwordConnect");
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static BackupEntry entry(String id, String description) {
        return new BackupEntry(id, "20260101_000000", "2026-01-01T00:00:00Z", "ledger", "localhost", 5432, "u", description,
                List.of("manual"), "manual", id + ".dump", "custom", 1000L, 0.0, "00", "SHA-256", 1, "exact", List.of(),
                "15.15", 150015, "15", 1L, 1.0, 1, null, null, null, false, List.of(), null);
    }

    @Test
    void tableShowsTheManifestsEntriesAndFiltersAsYouType(FxRobot robot) throws Exception {
        ManifestStore store = new ManifestStore(folder);
        store.update(m -> m.withAdded(entry("ledger_1", "nightly ledger")));
        store.update(m -> m.withAdded(entry("ledger_2", "before migration 42")));
        store.update(m -> m.withAdded(entry("ledger_3", "weekly")));
        waitUntil(10, () -> table(robot).getItems().size() == 3);

        robot.clickOn("#search").write("migration");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, table(robot).getItems().size());
        assertEquals("before migration 42", table(robot).getItems().get(0).entry().description());

        robot.doubleClickOn("#search").eraseText(20);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, table(robot).getItems().size());
    }

    @Test
    void retentionPreviewShowsWhatWouldGoAndPruneAsksBeforeDeleting(FxRobot robot) throws Exception {
        ManifestStore store = new ManifestStore(folder);
        for (int i = 1; i <= 3; i++) {
            BackupEntry e = entry("ledger_" + i, "backup " + i);
            java.nio.file.Files.writeString(folder.resolve(e.file()), "dump");
            store.update(m -> m.withAdded(e));
        }
        waitUntil(10, () -> table(robot).getItems().size() == 3);
        robot.clickOn("#retentionButton");
        waitUntil(10, () -> !robot.lookup("#keepLast").query().isDisabled()); // the form waits for the saved policy
        robot.clickOn("#keepLast").write("1");
        robot.clickOn("#retentionPreview");
        TableView<dev.lifeboat.core.retention.RetentionDecision> decisions = robot.lookup("#retentionDecisions").queryTableView();
        waitUntil(5, () -> decisions.getItems().stream().filter(d -> !d.keep()).count() == 2);
        robot.clickOn("#retentionSave");
        robot.clickOn("#retentionPrune");
        clickInDialog(robot, "Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, store.load().backups().size(), "Cancel in the confirmation deletes nothing");
        assertTrue(java.nio.file.Files.exists(folder.resolve("ledger_1.dump")));
        robot.clickOn("#retentionPrune");
        clickInDialog(robot, "Delete 2 backups");
        clickInDialog(robot, "OK");
        robot.clickOn("Close");
        assertEquals(1, store.load().backups().size());
        assertTrue(java.nio.file.Files.exists(folder.resolve(store.load().backups().get(0).file())));
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn("Health");
        waitUntil(10, () -> !robot.lookup("#healthState").queryAs(Label.class).getText().equals("\u2013"));
    }

    @Test
    void anEntryAddedByAnotherProcessAppearsWithoutARestart(FxRobot robot) throws Exception {
        assertEquals(0, table(robot).getItems().size());
        Process other = new ProcessBuilder(dev.lifeboat.core.manifest.ManifestWriterMainAccess.command(folder, "cron", 2))
                .inheritIO().start();
        assertTrue(other.waitFor(60, TimeUnit.SECONDS));
        waitUntil(10, () -> table(robot).getItems().size() == 2);
    }

    @Test
    void progressMovesAndLogLinesAppearWhileARealBackupRuns(FxRobot robot, TestDatabase db) throws Exception {
        SampleData.createLargeTable(db);
        // Two large tables: the second one's start is a step in between that lasts while it is dumped.
        // With one table the only step in between is "Counting rows", which JavaFX may coalesce away
        // when the next update follows within a pulse.
        db.execute("CREATE TABLE public.big_copy AS SELECT * FROM public.big");
        List<Double> progress = new CopyOnWriteArrayList<>();
        OperationTask<?>[] task = new OperationTask<?>[1];
        WaitForAsyncUtils.asyncFx(() -> {
            task[0] = window.controller().backup().start(BackupRequest.of(db.spec(), "from the UI test"));
            task[0].progressProperty().addListener((o, a, v) -> progress.add(v.doubleValue()));
        }).get(5, TimeUnit.SECONDS);
        waitUntil(120, () -> task[0].isDone());
        javafx.concurrent.Worker.State state = WaitForAsyncUtils.asyncFx(() -> task[0].getState()).get(5, TimeUnit.SECONDS);
        assertEquals(javafx.concurrent.Worker.State.SUCCEEDED, state);
        assertTrue(progress.stream().anyMatch(p -> p > 0.05 && p < 0.95), "progress in between: " + progress);
        assertEquals(1.0, progress.get(progress.size() - 1), 1e-9);
        String op = task[0].operationId();
        WaitForAsyncUtils.asyncFx(() -> window.logPane().drain()).get(5, TimeUnit.SECONDS);
        List<LogBus.Line> lines = window.logPane().lines();
        assertTrue(lines.stream().anyMatch(l -> op.equals(l.operation()) && l.message().contains("dumping contents of table")),
                "pg_dump's lines reach the log pane, tagged with the operation " + op + ": " + lines.size() + " lines, e.g. "
                        + lines.stream().limit(8).map(l -> l.operation() + "|" + l.logger() + "|" + l.message()).toList());
        waitUntil(10, () -> table(robot).getItems().size() == 1);
    }

    @Test
    void verifyShowsAReportWithTheFailedCheckWhenTheFileWasDamaged(FxRobot robot, TestDatabase db) throws Exception {
        SampleData.create(db);
        BackupEntry e = new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "to be damaged"), ProgressListener.NONE, CancelToken.none());
        try (RandomAccessFile raf = new RandomAccessFile(folder.resolve(e.file()).toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x20);
        }
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.clickOn("#verifyButton");
        robot.clickOn("#depthQuick");
        robot.clickOn("#startVerify");
        waitUntil(30, () -> robot.lookup("#reportOutcome").tryQuery().isPresent());
        Label outcome = robot.lookup("#reportOutcome").queryAs(Label.class);
        assertEquals("FAILED", outcome.getText());
        TableView<dev.lifeboat.core.manifest.CheckResult> checks = robot.lookup("#reportChecks").queryTableView();
        assertTrue(checks.getItems().stream().anyMatch(c -> c.name().equals("SHA-256")
                && c.status() == dev.lifeboat.core.manifest.CheckStatus.FAIL));
        robot.clickOn("#reportClose");
        waitUntil(10, () -> table(robot).getItems().get(0).status() == BackupRow.Status.FAILED);
    }

    @Test
    void restoreCannotStartWithoutConfirmationAndCancelLeavesTheDatabaseUntouched(FxRobot robot, TestDatabase db)
            throws Exception {
        SampleData.create(db);
        new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "restore me"), ProgressListener.NONE, CancelToken.none());
        db.execute("DELETE FROM public.empty_table", "INSERT INTO public.empty_table VALUES (1), (2)");
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.clickOn("#restoreButton");
        Button confirm = robot.lookup("#confirmRestore").queryButton();
        assertTrue(confirm.isDisabled(), "no restore before the plan is shown and allowed");
        robot.clickOn("#terminateSessions");
        robot.clickOn("#showPlan");
        answerPassword(robot);
        waitUntil(30, () -> confirm.getText().startsWith("Replace database"));
        assertEquals("Replace database " + db.name(), confirm.getText());
        assertFalse(confirm.isDisabled());
        // The wizard's own Cancel: the Operations list has Cancel buttons too (the plan is an operation).
        robot.clickOn(((javafx.scene.control.DialogPane) confirm.getScene().getRoot())
                .lookupButton(javafx.scene.control.ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        Thread.sleep(500);
        assertEquals(2, db.count("public.empty_table"), "Cancel changed nothing");
        assertTrue(window.manifestView().table().getItems().size() == 1);
    }

    @Test
    void aProtectedTargetRefusesAWrongTypedName(FxRobot robot, TestDatabase db) throws Exception {
        SampleData.create(db);
        settings.update(s -> s.withConnection(ConnectionProfile.from("prod", db.spec(), true)));
        new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "prod backup"), ProgressListener.NONE, CancelToken.none());
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.clickOn("#restoreButton");
        robot.clickOn("#terminateSessions");
        robot.clickOn("#showPlan");
        answerPassword(robot);
        waitUntil(30, () -> robot.lookup("#typedName").tryQuery().filter(javafx.scene.Node::isVisible).isPresent());
        Button confirm = robot.lookup("#confirmRestore").queryButton();
        robot.clickOn("#typedName").write("yes");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(confirm.isDisabled(), "a wrong name keeps the restore button disabled");
        robot.doubleClickOn("#typedName").eraseText(5).write(db.name());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(confirm.isDisabled(), "the exact name enables it; typed: "
                + robot.lookup("#typedName").queryTextInputControl().getText());
        robot.clickOn(((javafx.scene.control.DialogPane) confirm.getScene().getRoot())
                .lookupButton(javafx.scene.control.ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(120, db.count("public.customers"));
    }
}
