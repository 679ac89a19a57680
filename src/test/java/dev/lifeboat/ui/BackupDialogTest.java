package dev.lifeboat.ui;

import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Spinner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The New backup dialog as a DBA clicks it, against a server that asks for a password. */
@ExtendWith(PgExtension.class)
class BackupDialogTest extends FxTestBase {
    @Test
    void theToolbarsConnectionIsSuggestedAndTheBackupAppearsOnceThePasswordIsTyped(FxRobot robot, TestDatabase db)
            throws Exception {
        SampleData.create(db);
        settings.update(s -> s.withConnection(ConnectionProfile.from("ledger", db.spec().withPassword(null), false)));
        WaitForAsyncUtils.asyncFx(() -> window.controller().main().refreshConnections()).get(5, TimeUnit.SECONDS);
        assertEquals("ledger", robot.lookup("#connectionSwitcher").queryComboBox().getValue(),
                "a connection added appears in the toolbar");

        robot.clickOn("#newBackupButton");
        waitUntil(10, () -> showing(robot, "#backupConnection"));
        ComboBox<String> connection = robot.lookup("#backupConnection").queryComboBox();
        assertEquals("ledger", connection.getValue(), "the toolbar's connection is suggested");
        robot.clickOn("#backupDescription").write("before the upgrade");
        robot.clickOn("#startBackup");
        waitUntil(30, () -> showing(robot, "#passwordField"));
        robot.clickOn("#passwordField").write(TestServer.ADMIN_PASSWORD);
        robot.clickOn("#passwordConnect");

        waitUntil(120, () -> table(robot).getItems().size() == 1);
        assertEquals("before the upgrade", table(robot).getItems().get(0).entry().description());
        assertEquals(db.name(), table(robot).getItems().get(0).entry().database());
    }

    @Test
    void twoParallelJobsInTheDialogMakeADirectoryBackup(FxRobot robot, TestDatabase db) throws Exception {
        SampleData.create(db);
        robot.clickOn("#newBackupButton");
        waitUntil(10, () -> showing(robot, "#backupConnection"));
        robot.clickOn("#backupConnection").write(db.spec().withPassword(null).toUri());
        Spinner<Integer> jobs = robot.lookup("#backupJobs").queryAs(Spinner.class);
        assertEquals(1, jobs.getValue(), "one file unless asked");
        robot.clickOn(jobs.lookup(".increment-arrow-button"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, jobs.getValue());
        robot.clickOn("#startBackup");
        waitUntil(30, () -> showing(robot, "#passwordField"));
        robot.clickOn("#passwordField").write(TestServer.ADMIN_PASSWORD);
        robot.clickOn("#passwordConnect");

        waitUntil(120, () -> table(robot).getItems().size() == 1);
        assertEquals("directory", table(robot).getItems().get(0).entry().format());
    }

    @Test
    void startStaysDisabledUntilAConnectionIsGivenAndCancelStartsNothing(FxRobot robot) throws Exception {
        robot.clickOn("#newBackupButton");
        waitUntil(10, () -> showing(robot, "#backupConnection"));
        var start = robot.lookup("#startBackup").queryButton();
        assertTrue(start.isDisabled(), "nothing to back up yet");
        robot.clickOn("#backupConnection").write("postgresql://postgres@localhost:5432/ledger");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(start.isDisabled());
        robot.clickOn(dialogButton(start, ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(app.context().runner().tasks().isEmpty(), "cancel starts no operation");
        assertFalse(robot.lookup(".dialog-pane").tryQueryAs(DialogPane.class).isPresent());
    }
}
