package dev.lifeboat.ui;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import dev.lifeboat.ui.manifest.BackupRow;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The app against a server that asks for a password (scram-sha-256), given connections without
 * one: the prompt appears for backup, full verify, restore and Test, a wrong password asks again,
 * remember-for-session avoids a second prompt, and nothing records a failure that did not happen.
 */
@ExtendWith(PgExtension.class)
class PasswordPromptTest extends FxTestBase {

    private static ConnectionSpec withoutPassword(TestDatabase db) {
        return db.spec().withPassword(null);
    }

    private void backupFromCore(TestDatabase db) {
        SampleData.create(db);
        new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "made with the password"), ProgressListener.NONE, CancelToken.none());
    }

    private void answer(FxRobot robot, String password, boolean remember) throws Exception {
        waitUntil(30, () -> showing(robot, "#passwordField"));
        robot.clickOn("#passwordField").write(password);
        if (remember) {
            robot.clickOn("#rememberPassword");
        }
        robot.clickOn("#passwordConnect");
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void backupAsksForThePasswordAgainWhenWrongAndRemembersItForTheSession(FxRobot robot, TestDatabase db)
            throws Exception {
        SampleData.create(db);
        String uri = withoutPassword(db).toUri();
        robot.clickOn("#newBackupButton");
        robot.clickOn("#backupConnection").write(uri);
        robot.clickOn("#startBackup");

        waitUntil(30, () -> showing(robot, "#passwordField"));
        assertEquals(db.spec().user(), robot.lookup("#passwordUser").queryAs(Label.class).getText());
        assertEquals("localhost:" + db.spec().port(), robot.lookup("#passwordServer").queryAs(Label.class).getText());
        assertEquals(db.name(), robot.lookup("#passwordDatabase").queryAs(Label.class).getText());
        assertFalse(showing(robot, "#passwordRefused"), "the first prompt does not say a password was wrong");
        answer(robot, "not-the-password", false);

        waitUntil(30, () -> showing(robot, "#passwordRefused"));
        answer(robot, TestServer.ADMIN_PASSWORD, true);
        waitUntil(120, () -> table(robot).getItems().size() == 1);

        robot.clickOn("#newBackupButton");
        robot.clickOn("#backupConnection").write(uri);
        robot.clickOn("#startBackup");
        waitUntil(120, () -> table(robot).getItems().size() == 2);
        assertFalse(showing(robot, "#passwordField"), "remembered for the session: no second prompt");
    }

    @Test
    void fullVerifyAsksForThePasswordAndADeclinedPromptRecordsNoFailure(FxRobot robot, TestDatabase db)
            throws Exception {
        backupFromCore(db);
        ManifestStore store = new ManifestStore(folder);
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        robot.clickOn("#verifyButton");
        robot.clickOn("#depthFull");
        robot.clickOn("#startVerify");
        waitUntil(30, () -> showing(robot, "#passwordField"));
        robot.clickOn(dialogButton(robot.lookup("#passwordField").query(), ButtonType.CANCEL));
        waitUntil(30, () -> showing(robot, "#errorMessage"));
        String error = robot.lookup("#errorMessage").queryAs(Label.class).getText();
        assertTrue(error.contains("password") && !error.contains("PGPASSWORD") && !error.contains("-W"),
                "says what happened in the app's words: " + error);
        robot.clickOn(dialogButton(robot.lookup("#errorMessage").query(), ButtonType.OK));
        waitUntil(10, () -> !showing(robot, "#errorMessage"));
        assertNull(store.load().backups().get(0).lastVerification(), "a verification that could not run records nothing");
        assertEquals(BackupRow.Status.NEVER, table(robot).getItems().get(0).status());

        // The failed attempt reloads the rows: select again once the table has settled.
        Thread.sleep(1500);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        waitUntil(10, () -> !robot.lookup("#verifyButton").queryButton().isDisabled());
        robot.clickOn("#verifyButton");
        robot.clickOn("#depthFull");
        robot.clickOn("#startVerify");
        answer(robot, TestServer.ADMIN_PASSWORD, false);
        waitUntil(180, () -> robot.lookup("#reportOutcome").tryQuery().isPresent());
        assertEquals("PASSED", robot.lookup("#reportOutcome").queryAs(Label.class).getText());
    }

    @Test
    void restorePlanAsksForThePasswordThenNamesTheDatabaseItReplaces(FxRobot robot, TestDatabase db) throws Exception {
        backupFromCore(db);
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        robot.clickOn("#restoreButton");
        robot.clickOn("#terminateSessions");
        robot.clickOn("#showPlan");
        answer(robot, TestServer.ADMIN_PASSWORD, false);
        Button confirm = robot.lookup("#confirmRestore").queryButton();
        waitUntil(60, () -> confirm.getText().startsWith("Replace database"));
        assertEquals("Replace database " + db.name(), confirm.getText());
        String title = robot.lookup("#planTitle").queryAs(Label.class).getText();
        assertTrue(title.contains("localhost:" + db.spec().port()), "the plan names the server: " + title);
        List<String> planText = robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText)
                .filter(t -> t != null).toList();
        assertTrue(planText.stream().noneMatch(t -> t.contains("null")), "no 'null' in the plan: " + planText);
        robot.clickOn(dialogButton(confirm, ButtonType.CANCEL));
    }

    @Test
    void aBackupInUseCannotBeDeletedAndClosingTheWindowAsksFirst(FxRobot robot, TestDatabase db) throws Exception {
        backupFromCore(db);
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        robot.clickOn("#verifyButton");
        robot.clickOn("#depthFull");
        robot.clickOn("#startVerify");
        // The verification now waits for its password: it is running, and reads this backup.
        waitUntil(30, () -> showing(robot, "#passwordField"));
        Button delete = robot.lookup("#deleteButton").queryButton();
        assertTrue(delete.isDisabled(), "no delete of a backup being verified");

        Stage main = (Stage) delete.getScene().getWindow();
        WaitForAsyncUtils.asyncFx(() -> main.fireEvent(new javafx.stage.WindowEvent(main,
                javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST)));
        waitUntil(10, () -> robot.lookup("Cancel it and close").tryQuery().isPresent());
        robot.clickOn(robot.lookup(".dialog-pane").match(n -> ((javafx.scene.control.DialogPane) n).getHeaderText()
                .equals("Operations are running")).queryAs(javafx.scene.control.DialogPane.class)
                .lookupButton(javafx.scene.control.ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(main.isShowing(), "Cancel in the question keeps the window and its operation");

        answer(robot, TestServer.ADMIN_PASSWORD, false);
        waitUntil(180, () -> robot.lookup("#reportOutcome").tryQuery().isPresent());
        robot.clickOn("#reportClose");
        waitUntil(10, () -> !delete.isDisabled());
    }

    @Test
    void settingsTestAsksForThePasswordAndReportsTheServer(FxRobot robot, TestDatabase db) throws Exception {
        settings.update(s -> s.withConnection(ConnectionProfile.from("shop", withoutPassword(db), false)));
        robot.clickOn("#settingsButton");
        robot.clickOn("shop");
        robot.clickOn("#testConnection");
        answer(robot, TestServer.ADMIN_PASSWORD, false);
        Label result = robot.lookup("#testResult").queryAs(Label.class);
        waitUntil(30, () -> result.getText().startsWith("\u2714"));
        assertTrue(result.getText().contains("PostgreSQL 15"), result.getText());
        robot.clickOn(dialogButton(result, ButtonType.CANCEL));
    }
}
