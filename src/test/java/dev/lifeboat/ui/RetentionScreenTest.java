package dev.lifeboat.ui;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.retention.RetentionPolicies;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The retention editor, clicked as a user would: a wrong rule is marked where it was typed; a policy per database. */
class RetentionScreenTest extends FxTestBase {
    private void addBackup(String id, String db, String datetime) throws Exception {
        BackupEntry e = new BackupEntry(id, "20260101_000000", datetime, db, "localhost", 5432, "u", null, List.of(),
                "manual", id + ".dump", "custom", 10L, 0.0, "00", "SHA-256", 1, "exact", List.of(), "15.15", 150015,
                "15", 1L, 1.0, 1, null, null, null, false, List.of(), null);
        Files.writeString(folder.resolve(e.file()), "dump");
        new ManifestStore(folder).update(m -> m.withAdded(e));
    }

    @Test
    void aWrongRuleIsMarkedInItsFieldAndSavingItSavesNothing(FxRobot robot) throws Exception {
        addBackup("ledger_1", "ledger", "2026-01-01T00:00:00Z");
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn("#retentionButton");
        TextField weekly = robot.lookup("#keepWeekly").queryAs(TextField.class);
        waitUntil(10, () -> !weekly.isDisabled()); // the form waits for the saved policy
        robot.clickOn(weekly).write("-2");
        assertTrue(weekly.getStyleClass().contains("wrong-field"), "marked where it was typed");
        String summary = robot.lookup("#retentionSummary").queryAs(Label.class).getText();
        assertTrue(summary.contains("Keep weekly: a whole number of weeks (0 or more), not '-2'"), summary);
        robot.clickOn("#retentionSave");
        assertTrue(RetentionPolicies.load(folder).forDatabase(null).isEmpty(), "nothing saved");
        robot.clickOn("#keepWeekly").push(javafx.scene.input.KeyCode.BACK_SPACE).push(javafx.scene.input.KeyCode.BACK_SPACE)
                .write("3");
        assertEquals("3", weekly.getText());
        assertFalse(weekly.getStyleClass().contains("wrong-field"), "corrected: no longer marked");
        robot.clickOn("Close");
        // Typed but not saved: Close asks rather than drop the rule.
        clickInDialog(robot, "Close without saving");
        waitUntil(10, () -> !showing(robot, "#keepWeekly"));
        assertTrue(RetentionPolicies.load(folder).forDatabase(null).isEmpty(), "dropped, as chosen");
    }

    @Test
    void aPolicyForOneDatabaseIsSavedForItAlone(FxRobot robot) throws Exception {
        addBackup("ledger_1", "ledger", "2026-01-01T00:00:00Z");
        addBackup("shop_1", "shop", "2026-01-01T00:00:00Z");
        waitUntil(10, () -> table(robot).getItems().size() == 2);
        robot.clickOn("#retentionButton");
        waitUntil(10, () -> !robot.lookup("#keepLast").queryAs(TextField.class).isDisabled());
        robot.clickOn("#retentionScope");
        waitUntil(5, () -> robot.lookup(".combo-box-popup .list-cell").queryAllAs(javafx.scene.control.ListCell.class)
                .stream().anyMatch(c -> "shop".equals(c.getText())));
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell").queryAllAs(javafx.scene.control.ListCell.class).stream()
                .filter(c -> "shop".equals(c.getText())).findFirst().orElseThrow());
        assertEquals("shop", robot.lookup("#retentionScope").queryComboBox().getValue());
        robot.clickOn("#keepLast").write("5");
        robot.clickOn("#retentionSave");
        waitUntil(10, () -> robot.lookup("#retentionSummary").queryAs(Label.class).getText().startsWith("Saved"));
        RetentionPolicies saved = RetentionPolicies.load(folder);
        assertEquals(Integer.valueOf(5), saved.databases().get("shop").keepLast());
        assertTrue(saved.forDatabase(null).isEmpty(), "the default stays as it was");
        robot.clickOn("Close");
    }
}
