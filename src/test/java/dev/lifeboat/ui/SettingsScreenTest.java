package dev.lifeboat.ui;

import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings, clicked as a user would, against a server that asks for a password. */
@ExtendWith(PgExtension.class)
class SettingsScreenTest extends FxTestBase {
    private static String result(FxRobot robot) {
        return robot.lookup("#testResult").queryAs(Label.class).getText();
    }

    @Test
    void aWrongPortIsNamedAndMarkedAndNothingIsSaved(FxRobot robot) throws Exception {
        robot.clickOn("#settingsButton");
        robot.clickOn("#newConnection");
        robot.clickOn("#connName").write("shop");
        TextField port = robot.lookup("#connPort").queryAs(TextField.class);
        robot.doubleClickOn(port).write("54x2");
        robot.clickOn("#connDatabase").write("shop");
        robot.clickOn("#connUser").write("dba");
        double height = port.getHeight();
        robot.clickOn("#saveConnection");
        assertTrue(result(robot).contains("Port: a number from 1 to 65535, not '54x2'"), result(robot));
        assertTrue(port.getStyleClass().contains("wrong-field"));
        assertEquals(height, port.getHeight(), 0.01, "marking a field does not move the rows below it");
        clickInDialog(robot, "OK");
        assertTrue(result(robot).startsWith("\u2716 The connection in the form is not saved yet. Port:"), result(robot));
        assertTrue(showing(robot, "#connPort"), "OK holds the dialog open rather than drop what was typed");
        clickInDialog(robot, "Cancel");
        assertTrue(settings.load().connections().isEmpty(), "a wrong connection is not saved");
    }

    @Test
    void okKeepsAConnectionTypedButNotSavedWithItsOwnButton(FxRobot robot) throws Exception {
        robot.clickOn("#settingsButton");
        robot.clickOn("#connName").write("shop");
        TextField port = robot.lookup("#connPort").queryAs(TextField.class);
        robot.doubleClickOn(port).write("55450");
        robot.clickOn("#connDatabase").write("shop");
        robot.clickOn("#connUser").write("dba");
        clickInDialog(robot, "OK");
        waitUntil(10, () -> !showing(robot, "#connName"));
        var saved = settings.load().connection("shop").orElseThrow(() -> new AssertionError("the connection was dropped"));
        assertEquals(55450, saved.port());
        assertEquals("dba", saved.user());
        assertEquals(null, saved.sslmode(), "prefer, libpq's default, is saved as no setting");
    }

    @Test
    void theSslModeChosenIsSavedWithTheConnectionAndShownAgain(FxRobot robot) throws Exception {
        robot.clickOn("#settingsButton");
        robot.clickOn("#connName").write("secure");
        robot.clickOn("#connDatabase").write("shop");
        robot.clickOn("#connUser").write("dba");
        javafx.scene.control.ChoiceBox<?> ssl = robot.lookup("#connSslMode").queryAs(javafx.scene.control.ChoiceBox.class);
        assertEquals("prefer", ssl.getValue(), "pgAdmin's and libpq's default");
        org.testfx.util.WaitForAsyncUtils.asyncFx(() -> ((javafx.scene.control.ChoiceBox<String>) (Object) ssl)
                .setValue("verify-full")).get();
        clickInDialog(robot, "OK");
        waitUntil(10, () -> !showing(robot, "#connName"));
        var saved = settings.load().connection("secure").orElseThrow();
        assertEquals("verify-full", saved.sslmode());
        assertEquals("verify-full", saved.toSpec().options().get("sslmode"), "the tools and the driver get it");
        robot.clickOn("#settingsButton");
        waitUntil(10, () -> showing(robot, "#connSslMode"));
        robot.clickOn("secure");
        javafx.scene.control.ChoiceBox<?> again = robot.lookup("#connSslMode").queryAs(javafx.scene.control.ChoiceBox.class);
        waitUntil(5, () -> "verify-full".equals(again.getValue()));
        clickInDialog(robot, "Cancel");
    }

    @Test
    void okWithTheFormUntouchedSavesNoConnection(FxRobot robot) throws Exception {
        robot.clickOn("#settingsButton");
        clickInDialog(robot, "OK");
        waitUntil(10, () -> !showing(robot, "#connName"));
        assertTrue(settings.load().connections().isEmpty());
    }

    @Test
    void testAsksForThePasswordAndSaysWhatItFoundAndTheToolsTabFindsPgDump(FxRobot robot, TestDatabase db) throws Exception {
        robot.clickOn("#settingsButton");
        robot.clickOn("#newConnection");
        robot.clickOn("#connName").write("ledger");
        TextField port = robot.lookup("#connPort").queryAs(TextField.class);
        robot.doubleClickOn(port).write(Integer.toString(db.spec().port()));
        robot.clickOn("#connDatabase").write(db.name());
        robot.clickOn("#connUser").write(db.spec().user());
        robot.clickOn("#testConnection");
        waitUntil(30, () -> showing(robot, "#passwordField"));
        robot.clickOn("#passwordField").write(TestServer.ADMIN_PASSWORD);
        robot.clickOn("#passwordConnect");
        waitUntil(30, () -> result(robot).startsWith("\u2714") || result(robot).startsWith("\u2716"));
        assertTrue(result(robot).startsWith("\u2714 PostgreSQL 15") && result(robot).contains("pg_dump"), result(robot));
        assertFalse(port.getStyleClass().contains("wrong-field"));

        TabPane tabs = robot.lookup("#settingsTabs").queryAs(TabPane.class);
        assertEquals(3, tabs.getTabs().size(), "a tab pane other screens can add a tab to");
        robot.clickOn("PostgreSQL tools");
        waitUntil(30, () -> robot.lookup("#toolsFound").queryAs(Label.class).getText().startsWith("Found: "));
        clickInDialog(robot, "Cancel");
    }
}
