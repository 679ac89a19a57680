package dev.lifeboat.ui;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.VerificationRecord;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.ui.common.OperationTask;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.shape.SVGPath;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a DBA saw on the main window, the settings, the verify dialog and the operations list, fixed. */
class MainScreensTest extends FxTestBase {
    private void addBackup(String id) throws Exception {
        addBackup(id, "2026-01-01T00:00:00Z", 1000L, 1.0, List.of());
    }

    private void addBackup(String id, String datetime, long size, double seconds, List<VerificationRecord> verifications)
            throws Exception {
        BackupEntry e = new BackupEntry(id, "20260101_000000", datetime, "ledger", "localhost", 5432, "u",
                "nightly", List.of("manual"), "manual", id + ".dump", "custom", size, 0.0, "00", "SHA-256", 1, "exact",
                List.of(), "15.15", 150015, "15", 1L, seconds, 1, null, null, null, false, verifications, null);
        Files.writeString(folder.resolve(e.file()), "dump");
        new ManifestStore(folder).update(m -> m.withAdded(e));
    }

    @Test
    void aConnectionAddedWithNewConnectionInSettingsAppearsInTheToolbarList(FxRobot robot) {
        robot.clickOn("#settingsButton");
        robot.clickOn("#newConnection");
        robot.clickOn("#connName").write("shop");
        robot.clickOn("#connDatabase").write("shop");
        robot.clickOn("#connUser").write("dba");
        robot.clickOn("#saveConnection");
        clickInDialog(robot, "OK");
        WaitForAsyncUtils.waitForFxEvents();
        ComboBox<String> connections = robot.lookup("#connectionSwitcher").queryComboBox();
        assertEquals(List.of("shop"), List.copyOf(connections.getItems()));
        assertEquals("shop", connections.getValue());
    }

    @Test
    void healthChartsShowSizeDurationAndMeasuredRestoreTimePerDatabase(FxRobot robot) throws Exception {
        addBackup("ledger_1", "2026-01-01T00:00:00Z", 100L << 20, 30.0, List.of());
        addBackup("ledger_2", "2026-01-02T00:00:00Z", 120L << 20, 40.0, List.of(new VerificationRecord(
                "2026-01-02T01:00:00Z", "full", CheckStatus.PASS, 90.0, 75.5, List.of(), List.of())));
        waitUntil(10, () -> table(robot).getItems().size() == 2);
        robot.clickOn("Health");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("ledger", robot.lookup("#healthDatabase").queryComboBox().getValue());
        waitUntil(10, () -> values(robot, "#healthRestoreChart").size() == 1); // drawn from entries read off the FX thread
        assertEquals(List.of(100.0, 120.0), values(robot, "#healthSizeChart"));
        assertEquals(List.of(30.0, 40.0), values(robot, "#healthDurationChart"));
        assertEquals(List.of(75.5), values(robot, "#healthRestoreChart"));
    }

    @SuppressWarnings("unchecked")
    private static List<Double> values(FxRobot robot, String chart) {
        LineChart<String, Number> c = robot.lookup(chart).queryAs(LineChart.class);
        if (c.getData().isEmpty()) {
            return List.of();
        }
        return c.getData().get(0).getData().stream().map(d -> d.getYValue().doubleValue()).toList();
    }

    @Test
    void theDefaultFolderStaysInTheFolderListAndAFolderThatCannotBeWrittenIsRefused(FxRobot robot) throws Exception {
        ComboBox<String> folders = robot.lookup("#folderSwitcher").queryComboBox();
        assertTrue(folders.getItems().contains(dev.lifeboat.core.settings.AppPaths.defaultBackupFolder().toString()),
                "the default folder is a choice: " + folders.getItems());
        Path file = Files.writeString(home.resolve("not-a-folder"), "x");
        Path impossible = file.resolve("backups"); // under a regular file: nothing can be written there
        var opening = WaitForAsyncUtils.asyncFx(() -> {
            ((dev.lifeboat.ui.main.MainWindow) robot.lookup("#manifestTable").query().getScene().getRoot())
                    .controller().main().openFolder(impossible);
        });
        waitUntil(10, () -> robot.lookup("#errorMessage").tryQuery().isPresent());
        String message = robot.lookup("#errorMessage").queryAs(javafx.scene.control.Label.class).getText();
        assertTrue(message.contains(impossible.toString()), message);
        clickInDialog(robot, "OK");
        opening.get(5, TimeUnit.SECONDS);
        assertEquals(folder, app.context().manifest().store().folder(), "the current folder stays open");
    }

    @Test
    void retentionNamesTheWrongFieldAndPruneListsWhatGoesByThePolicyOnScreen(FxRobot robot) throws Exception {
        addBackup("ledger_1", "2026-01-01T00:00:00Z", 1000L, 1.0, List.of());
        addBackup("ledger_2", "2026-01-02T00:00:00Z", 1000L, 1.0, List.of());
        addBackup("ledger_3", "2026-01-03T00:00:00Z", 1000L, 1.0, List.of());
        waitUntil(10, () -> table(robot).getItems().size() == 3);
        robot.clickOn("#retentionButton");
        waitUntil(10, () -> !robot.lookup("#keepDaily").query().isDisabled()); // the form waits for the saved policy
        robot.clickOn("#keepDaily").write("x");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("Keep daily").tryQuery().isPresent());
        String summary = robot.lookup(".label").queryAllAs(javafx.scene.control.Label.class).stream()
                .map(javafx.scene.control.Label::getText).filter(t -> t != null && t.startsWith("\u2716")).findFirst()
                .orElse("");
        assertTrue(summary.contains("Keep daily"), "the message names the field: " + summary);
        robot.doubleClickOn("#keepDaily").eraseText(3);
        robot.clickOn("#keepLast").write("1");
        TableView<?> decisions = robot.lookup("#retentionDecisions").queryTableView();
        // The preview reads the catalog off the FX thread: wait for it, then check what it shows.
        waitUntil(10, () -> decisions.getItems().stream().anyMatch(d -> !((dev.lifeboat.core.retention.RetentionDecision) d)
                .keep()));
        assertEquals(2, decisions.getItems().stream().filter(d -> !((dev.lifeboat.core.retention.RetentionDecision) d).keep())
                .count(), "the preview follows the form without saving");
        robot.clickOn("#retentionPrune");
        waitUntil(10, () -> robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .anyMatch(p -> "Prune".equals(p.getHeaderText())));
        DialogPane confirm = robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .filter(p -> "Prune".equals(p.getHeaderText())).findFirst().orElseThrow();
        assertTrue(confirm.getContentText().contains("ledger_1") && confirm.getContentText().contains("ledger_2")
                && !confirm.getContentText().contains("ledger_3"), confirm.getContentText());
        robot.clickOn(confirm.lookupButton(javafx.scene.control.ButtonType.CANCEL));
        assertEquals(3, new ManifestStore(folder).load().backups().size(), "Cancel deletes nothing");
    }

    @Test
    void aPastVerificationsReportOpensAgainFromTheVerificationsTab(FxRobot robot) throws Exception {
        addBackup("ledger_1", "2026-01-01T00:00:00Z", 1000L, 1.0, List.of(new VerificationRecord("2026-01-02T01:00:00Z",
                "quick", CheckStatus.FAIL, 0.5, null, List.of(new dev.lifeboat.core.manifest.CheckResult("SHA-256",
                CheckStatus.FAIL, "aa", "bb", "The file changed since the backup.")), List.of())));
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        robot.clickOn("Verifications");
        // The row that shows the verification (the details arrive off the FX thread; spare cells hide).
        waitUntil(10, () -> robot.lookup("#verificationHistory .table-row-cell").queryAllAs(javafx.scene.control.TableRow.class)
                .stream().anyMatch(r -> r.isVisible() && !r.isEmpty()));
        robot.doubleClickOn(robot.lookup("#verificationHistory .table-row-cell").queryAllAs(javafx.scene.control.TableRow.class)
                .stream().filter(r -> r.isVisible() && !r.isEmpty()).findFirst().orElseThrow());
        waitUntil(10, () -> robot.lookup("#reportOutcome").tryQuery().isPresent());
        assertEquals("FAILED", robot.lookup("#reportOutcome").queryAs(javafx.scene.control.Label.class).getText());
        robot.clickOn("#reportClose");
    }

    @Test
    void theVerifyDialogNamesTheBackup(FxRobot robot) throws Exception {
        addBackup("ledger_20260101_000000");
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        robot.clickOn("#verifyButton");
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertEquals("Verify ledger_20260101_000000", pane.getHeaderText());
        clickInDialog(robot, "Cancel");
    }

    @Test
    void pinningFromTheContextMenuShowsAPinIconNotAnEmoji(FxRobot robot) throws Exception {
        addBackup("ledger_1");
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        // Headless Monocle opens no context menu on a right click; fire the menu's item as the click would.
        WaitForAsyncUtils.asyncFx(() -> table(robot).getContextMenu().getItems().stream()
                .filter(i -> "Pin / unpin".equals(i.getText())).findFirst().orElseThrow().fire()).get(5, TimeUnit.SECONDS);
        waitUntil(10, () -> table(robot).getItems().get(0).entry().pinnedOrFalse());
        waitUntil(10, () -> robot.lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .anyMatch(c -> c.getGraphic() instanceof SVGPath));
        assertTrue(new ManifestStore(folder).load().backups().get(0).pinnedOrFalse(), "the manifest records the pin");
    }

    @Test
    void anEndedOperationsBarStandsStillAndItsButtonsStayOnScreenWithALongMessage(FxRobot robot) throws Exception {
        String longText = "Restore ledger_20260101_000000 into a database with a very long name ".repeat(4);
        OperationTask<?>[] task = new OperationTask<?>[1];
        WaitForAsyncUtils.asyncFx(() -> {
            task[0] = new OperationTask<Void>(longText, (p, c) -> {
                throw new IllegalStateException(longText); // never reported progress: the bar was indeterminate
            });
            app.context().runner().start(task[0]);
        }).get(5, TimeUnit.SECONDS);
        waitUntil(10, () -> task[0].isDone());
        waitUntil(5, () -> robot.lookup("#operations .progress-bar").tryQuery().isPresent());
        Thread.sleep(1200); // the panel refreshes each second
        WaitForAsyncUtils.waitForFxEvents();
        ProgressBar bar = robot.lookup("#operations .progress-bar").queryAs(ProgressBar.class);
        assertFalse(bar.isIndeterminate(), "an ended operation's bar does not keep moving");
        Button log = robot.lookup("#operationLog").queryButton();
        Button cancel = robot.lookup("#operationCancel").queryButton();
        Node list = robot.lookup("#operations").query();
        double right = list.localToScene(list.getBoundsInLocal()).getMaxX();
        assertTrue(log.isVisible() && cancel.isVisible(), "both buttons stay");
        assertTrue(cancel.localToScene(cancel.getBoundsInLocal()).getMaxX() <= right + 1,
                "Cancel is not pushed off the row by the long title");
        assertTrue(cancel.isDisabled(), "nothing left to cancel");
    }

    @Test
    void theEncryptionDialogHasAHeaderAsTheOtherDialogsDo(FxRobot robot) throws Exception {
        javafx.scene.control.MenuButton more = robot.lookup("#moreMenu").queryAs(javafx.scene.control.MenuButton.class);
        // Headless Monocle opens no popup menu: the item is fired as a click would.
        WaitForAsyncUtils.asyncFx(() -> more.getItems().stream().filter(i -> "menuEncryptionEmail".equals(i.getId()))
                .findFirst().orElseThrow().fire());
        waitUntil(10, () -> robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .anyMatch(d -> d.getHeaderText() != null && d.getHeaderText().startsWith("Encryption of backups")));
        clickInDialog(robot, "Close");
    }

    @Test
    void logLinesAreAsTallAsTheirTextNotDoubleSpaced(FxRobot robot) throws Exception {
        robot.clickOn("Log");
        long now = System.currentTimeMillis();
        for (int i = 0; i < 5; i++) {
            dev.lifeboat.ui.log.LogBus.publish("INFO", "Test", null, "line " + i, now);
        }
        waitUntil(10, () -> robot.lookup("#logList .list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .filter(c -> c.getText() != null && c.getText().contains("line 4")).count() == 1);
        javafx.scene.control.ListCell<?> cell = robot.lookup("#logList .list-cell")
                .match((javafx.scene.control.ListCell<?> c) -> c.getText() != null && c.getText().contains("line 1")).query();
        // 12 px monospace and 1 px padding above and below: about 17 px, where the theme's rows were 2.8em (34 px).
        assertTrue(cell.getHeight() < 22, "a log line is one text line tall: " + cell.getHeight());
    }

    @Test
    void aLongDescriptionCutInTheTableIsSaidWholeOnHover(FxRobot robot) throws Exception {
        String longText = "Before migration 42: the orders partition split and the customers' e-mail column made citext";
        BackupEntry e = new BackupEntry("ledger_20260101_000000", "20260101_000000", "2026-01-01T00:00:00Z", "ledger",
                "localhost", 5432, "u", longText, List.of("pre-migration", "manual"), "manual", "ledger_20260101_000000.dump",
                "custom", 1000L, 0.0, "00", "SHA-256", 1, "exact", List.of(), "15.15", 150015, "15", 1L, 1.0, 1, null,
                null, null, false, List.of(), null);
        Files.writeString(folder.resolve(e.file()), "dump");
        new ManifestStore(folder).update(m -> m.withAdded(e));
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        TableCell<?, ?> cell = robot.lookup(".table-row-cell .table-cell")
                .match((TableCell<?, ?> c) -> c.getTableColumn() != null && "Description".equals(c.getTableColumn().getText())
                        && longText.equals(c.getText())).query();
        assertEquals(longText, cell.getTooltip().getText());
    }
}
