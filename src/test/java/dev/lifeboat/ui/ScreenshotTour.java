package dev.lifeboat.ui;

import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.SessionPasswords;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.ui.common.Theme;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Takes the README's screenshots from the real app in a real window (Xvfb), against a server that
 * asks for a password. Not a test (no Test suffix): run it on purpose, e.g.
 * {@code DISPLAY=:99 ./mvnw -o -Pdisplay test -Dtest=ScreenshotTour -Dlifeboat.tour.db=postgresql://postgres@localhost:5499/bigdb
 * -Dlifeboat.tour.password=... -Dlifeboat.tour.out=docs/screenshots}.
 */
class ScreenshotTour extends FxTestBase {
    private static void password(FxRobot robot, String pw, boolean remember) throws Exception {
        waitUntil(30, () -> robot.lookup("#passwordField").tryQuery().isPresent());
        robot.clickOn("#passwordField").write(pw);
        if (remember) {
            robot.clickOn("#rememberPassword");
        }
        robot.clickOn("#passwordConnect");
    }

    @Test
    void tour(FxRobot robot) throws Exception {
        String db = System.getProperty("lifeboat.tour.db");
        String pw = System.getProperty("lifeboat.tour.password");
        assumeTrue(db != null && pw != null && System.getenv("DISPLAY") != null, "a display, a server and its password");
        ConnectionSpec spec = ConnectionSpec.parse(db);
        shot("welcome");
        settings.update(s -> s.withConnection(ConnectionProfile.from("bigdb", spec, false)));
        // Saved as Settings would: the toolbar's list follows.
        WaitForAsyncUtils.asyncFx(() -> window.controller().main().refreshConnections()).get(5, TimeUnit.SECONDS);
        TableView<?> table = robot.lookup("#manifestTable").queryTableView();
        for (int i = 1; i <= 3; i++) {
            robot.clickOn("#newBackupButton");
            robot.clickOn("#backupConnection").eraseText(40).write("bigdb");
            robot.clickOn("#backupDescription").write(i == 3 ? "before migration 42" : "nightly");
            if (i == 1) {
                shot("backup-dialog");
            }
            robot.clickOn("#startBackup");
            if (i == 1) {
                waitUntil(30, () -> robot.lookup("#passwordField").tryQuery().isPresent());
                robot.clickOn("#passwordField").write("not-it");
                robot.clickOn("#passwordConnect");
                waitUntil(30, () -> robot.lookup("#passwordRefused").tryQuery().filter(Node::isVisible).isPresent());
                robot.clickOn("#passwordField").write(pw);
                robot.clickOn("#rememberPassword");
                shot("password-prompt");
                robot.clickOn("#passwordConnect");
            }
            int n = i;
            waitUntil(300, () -> table.getItems().size() == n);
        }
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        robot.clickOn("#verifyButton");
        robot.clickOn("#depthFull");
        shot("verify-full");
        robot.clickOn("#startVerify");
        waitUntil(300, () -> robot.lookup("#reportOutcome").tryQuery().isPresent());
        shot("verify-report");
        robot.clickOn("#reportClose");
        robot.clickOn(robot.lookup(".table-row-cell").nth(1).queryAs(Node.class));
        robot.clickOn("#verifyButton");
        robot.clickOn("#depthFull");
        robot.clickOn("#startVerify");
        waitUntil(300, () -> robot.lookup("#reportOutcome").tryQuery().isPresent());
        robot.clickOn("#reportClose");
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        shot("main-window");
        robot.clickOn("Health");
        Thread.sleep(1500);
        shot("health");
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        robot.clickOn("#restoreButton");
        robot.clickOn("#terminateSessions");
        robot.clickOn("#showPlan");
        Button confirm = robot.lookup("#confirmRestore").queryButton();
        waitUntil(120, () -> confirm.getText().startsWith("Replace"));
        shot("restore-plan");
        WaitForAsyncUtils.asyncFx(() -> ((Stage) confirm.getScene().getWindow()).close()).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.asyncFx(() -> {
            System.setProperty("lifeboat.theme", "dark");
            Theme.apply();
        }).get(5, TimeUnit.SECONDS);
        robot.clickOn("Operations");
        shot("main-window-dark");
        SessionPasswords.clear();
    }
}
