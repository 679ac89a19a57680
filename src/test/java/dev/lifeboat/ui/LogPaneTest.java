package dev.lifeboat.ui;

import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.ui.log.LogBus;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log pane, clicked as a user would: an operation's Log button shows its lines alone; Clear empties it. */
@ExtendWith(PgExtension.class)
class LogPaneTest extends FxTestBase {
    @SuppressWarnings("unchecked")
    private static ListView<LogBus.Line> log(FxRobot robot) {
        return (ListView<LogBus.Line>) robot.lookup("#logList").queryAs(ListView.class);
    }

    @Test
    void aBackupsLogButtonShowsItsLinesAloneAndAllOperationsShowsTheRest(FxRobot robot, TestDatabase db) throws Exception {
        SampleData.create(db);
        robot.clickOn("#newBackupButton");
        robot.clickOn("#backupConnection").write(db.spec().toUri()); // a URI carries no password: the app asks
        robot.clickOn("#startBackup");
        waitUntil(60, () -> showing(robot, "#passwordField"));
        robot.clickOn("#passwordField").write(db.spec().password().orElseThrow());
        robot.clickOn("#passwordConnect");
        waitUntil(120, () -> table(robot).getItems().size() == 1);
        robot.clickOn("Operations");
        // The backup's row stays in view: the screens' own short reads leave the list when they end.
        java.util.concurrent.Callable<java.util.Optional<javafx.scene.Node>> backupRowShown = () -> robot
                .lookup(".operation-cell").queryAll().stream().filter(javafx.scene.Node::isVisible)
                .filter(n -> robot.from(n).lookup((javafx.scene.control.Label l) -> l.getText() != null
                        && l.getText().startsWith("Backup of")).tryQuery().isPresent()).findFirst();
        // Its row may be redrawn while the list settles (a cell is reused): find it again until the click lands.
        waitUntil(20, () -> {
            var row = backupRowShown.call();
            if (row.isEmpty() || row.get().getScene() == null) {
                return false;
            }
            try {
                robot.clickOn(robot.from(row.get()).lookup("#operationLog").queryButton());
            } catch (RuntimeException redrawnMeanwhile) {
                return false; // the cell left the scene between finding and clicking: find it again
            }
            return showing(robot, "#logList");
        });
        waitUntil(5, () -> showing(robot, "#logList"));
        ComboBox<String> operation = robot.lookup("#logOperation").queryComboBox();
        String op = operation.getValue();
        assertTrue(op.startsWith("backup-"), op);
        List<LogBus.Line> shown = List.copyOf(log(robot).getItems());
        assertFalse(shown.isEmpty());
        assertTrue(shown.stream().allMatch(l -> op.equals(l.operation())), "only this operation's lines");
        assertTrue(shown.stream().anyMatch(l -> l.message().contains("complete")), "its end is in its log");
        assertTrue(shown.stream().noneMatch(l -> l.message().contains(db.spec().password().orElseThrow())),
                "no password in the log");

        robot.clickOn("#logOperation");
        robot.clickOn("All operations");
        assertTrue(log(robot).getItems().size() >= shown.size());
        robot.clickOn("#logClear");
        assertEquals(0, log(robot).getItems().size());
    }
}
