package dev.lifeboat.ui;

import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.schedule.Schedule;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** The Schedules tab, clicked as a user would, against a server that asks for a password. */
@ExtendWith(PgExtension.class)
class SchedulesScreenTest extends FxTestBase {
    private ScheduleStore store() {
        return new ScheduleStore(settings.file().getParent());
    }

    private void saveConnection(ConnectionSpec spec) {
        settings.update(s -> s.withConnection(ConnectionProfile.from("ledger", spec.withPassword(null), false)));
    }

    private static TableView<?> schedules(FxRobot robot) {
        return robot.lookup("#scheduleTable").queryTableView();
    }

    @Test
    void aWrongFieldIsNamedInTheFormWhichStaysOpenAndNothingIsScheduled(FxRobot robot, TestDatabase db) throws Exception {
        saveConnection(db.spec());
        robot.clickOn("Schedules");
        robot.clickOn("#addSchedule");
        TextField when = robot.lookup("#scheduleWhen").queryAs(TextField.class);
        robot.doubleClickOn(when).eraseText(when.getText().length()).write("at noon");
        robot.clickOn("#saveSchedule");
        waitUntil(5, () -> showing(robot, "#scheduleErrors"));
        String errors = robot.lookup("#scheduleErrors").queryAs(Label.class).getText();
        assertTrue(errors.startsWith("When: Cannot read the schedule 'at noon'"), errors);
        assertTrue(when.getStyleClass().contains("wrong-field"), "the wrong field is marked red, as other forms mark theirs");
        assertFalse(robot.lookup("#scheduleName").queryAs(TextField.class).getStyleClass().contains("wrong-field"),
                "a right field is not marked");
        robot.clickOn(when).write("x");
        assertFalse(when.getStyleClass().contains("wrong-field"), "typing in it clears the mark");
        assertTrue(showing(robot, "#scheduleName"), "the form stays open to be corrected");
        assertFalse(showing(robot, "#passwordField"), "nothing is asked for a form that cannot be saved");
        clickInDialog(robot, "Cancel");
        assertEquals(0, schedules(robot).getItems().size());
        assertTrue(store().list().isEmpty());
    }

    @Test
    void theFirstCheckAsksForThePasswordAndAPasswordScheduledRunsCannotFindIsRefused(FxRobot robot, TestDatabase db)
            throws Exception {
        assumeFalse(Files.exists(Path.of(System.getProperty("user.home"), ".pgpass")), "a ~/.pgpass would answer first");
        saveConnection(db.spec());
        robot.clickOn("Schedules");
        robot.clickOn("#addSchedule");
        robot.clickOn("#saveSchedule");
        waitUntil(30, () -> showing(robot, "#passwordField"));
        assertEquals(db.spec().user(), robot.lookup("#passwordUser").queryAs(Label.class).getText());
        robot.clickOn("#passwordField").write(TestServer.ADMIN_PASSWORD);
        robot.clickOn("#passwordConnect");
        waitUntil(30, () -> showing(robot, "#errorMessage"));
        String message = robot.lookup("#errorMessage").queryAs(Label.class).getText();
        assertTrue(message.contains("every run would fail") && message.contains("Save in ~/.pgpass"), message);
        assertFalse(message.contains("-W") || message.contains("PGPASSWORD"), "the app's words, not the CLI's: " + message);
        clickInDialog(robot, "OK");
        assertEquals(0, schedules(robot).getItems().size(), "a schedule that would fail is not shown as scheduled");
        assertTrue(store().list().isEmpty());
    }

    @Test
    void removeAsksFirstThenTheScheduleIsGone(FxRobot robot) throws Exception {
        store().put(new Schedule("nightly", "ledger", folder.toString(), "daily 02:30", "archive", false));
        robot.clickOn("Schedules");
        waitUntil(10, () -> schedules(robot).getItems().size() == 1);
        robot.clickOn("nightly");
        robot.clickOn("#removeSchedule");
        robot.clickOn("Remove nightly");
        waitUntil(10, () -> schedules(robot).getItems().isEmpty());
        assertTrue(store().list().isEmpty());
    }
}
