package dev.lifeboat.ui;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.testsupport.AppSchema;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The restore wizard as a DBA clicks it: plan, the named action, a protected target's typed name, the run. */
@ExtendWith(PgExtension.class)
class RestoreWizardTest extends FxTestBase {
    @Test
    void aProtectedReplaceNamesItsActionWaitsForTheNameAndKeepsTheRollbackDatabaseThePlanNamed(FxRobot robot, TestDatabase db)
            throws Exception {
        SampleData.create(db);
        settings.update(s -> s.withConnection(ConnectionProfile.from("prod", db.spec(), true)));
        new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "before the change"), ProgressListener.NONE, CancelToken.none());
        db.execute("DELETE FROM " + SampleData.MIXED + " WHERE id > 200");
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        Button confirm = showRestorePlan(robot);
        assertEquals("Replace database " + db.name(), confirm.getText());
        javafx.stage.Window wizard = confirm.getScene().getWindow();
        assertTrue(wizard.getWidth() >= 860, "the wizard is wide enough for its plan table: " + wizard.getWidth());
        javafx.geometry.Bounds go = confirm.localToScene(confirm.getBoundsInLocal());
        assertTrue(go.getMaxX() <= confirm.getScene().getWidth() && go.getMaxY() <= confirm.getScene().getHeight(),
                "the named button is inside the window: " + go);
        assertTrue(confirm.isDisabled(), "a protected database waits for its name");
        javafx.scene.control.TableView<?> diffs = robot.lookup("#planTables").queryTableView();
        var first = (dev.lifeboat.core.restore.TableDiff) diffs.getItems().get(0);
        assertFalse(first.rowsInBackup().equals(first.rowsNow()), "the table that differs is listed first: " + first);
        // One scroll: the rows table is as tall as its rows inside the plan's scroll pane, its own bar hidden.
        assertTrue(robot.from(diffs).lookup(".scroll-bar").queryAllAs(javafx.scene.control.ScrollBar.class).stream()
                .noneMatch(b -> b.getOrientation() == javafx.geometry.Orientation.VERTICAL && b.isVisible()),
                "the plan's rows table does not scroll inside the plan");
        String rowsTitle = robot.lookup("#planRowsTitle").queryAs(Label.class).getText();
        assertTrue(rowsTitle.endsWith(" differ, listed first"), rowsTitle);
        javafx.scene.layout.HBox nameRow = (javafx.scene.layout.HBox) robot.lookup("#newName").query().getParent();
        assertEquals(javafx.geometry.Pos.BASELINE_LEFT, nameRow.getAlignment(), "the name label on the field's baseline");
        String steps = String.join("\n", robot.lookup(".label").queryAllAs(Label.class).stream().map(Label::getText).filter(t -> t != null).toList());
        Matcher named = Pattern.compile("Keep (\\S+) as the rollback point").matcher(steps);
        assertTrue(named.find(), steps);
        String rollbackShown = named.group(1);
        assertFalse(steps.contains("null"), "no null in the plan: " + steps);

        Thread.sleep(1_100); // the DBA reads the plan; the clock moves past the second in the names
        robot.clickOn("#typedName").write(db.name());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(confirm.isDisabled());
        robot.clickOn(confirm);
        waitUntil(120, () -> robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .anyMatch(d -> "Restore complete".equals(d.getHeaderText())));
        DialogPane done = robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .filter(d -> "Restore complete".equals(d.getHeaderText())).findFirst().orElseThrow();
        assertTrue(done.getContentText().contains("kept as " + rollbackShown + "."), done.getContentText());
        assertTrue(db.server().databaseExists(rollbackShown), "the rollback database is the one the plan named");
        assertEquals(250, db.count(SampleData.MIXED));
    }

    @Test
    void theTableListOpensTallEnoughAndNamesAnAwkwardTableAsSqlWritesIt(FxRobot robot, TestDatabase db) throws Exception {
        AppSchema.create(db);
        new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "awkward names"), ProgressListener.NONE, CancelToken.none());
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        robot.clickOn("#restoreButton");
        waitUntil(10, () -> showing(robot, "#showPlan"));
        robot.clickOn("#modeNew");
        robot.clickOn("#newName").write(db.name() + "_t1");
        robot.clickOn("Only some tables (optional)");
        WaitForAsyncUtils.waitForFxEvents();
        org.controlsfx.control.CheckListView<String> list = robot.lookup("#restoreTables").queryAs(org.controlsfx.control.CheckListView.class);
        assertTrue(list.getHeight() >= 150, "several rows show when the list opens, not one: " + list.getHeight());
        String t1 = "\"we\"\"ird sch.ema\".\"T 1\"";
        assertTrue(list.getItems().contains(t1), list.getItems().toString());
        assertTrue(list.getItems().contains("app.customers") && list.getItems().contains("public.\"dotted.name\""),
                list.getItems().toString());
        WaitForAsyncUtils.asyncFx(() -> list.getCheckModel().check(t1)).get();
        robot.clickOn("#showPlan");
        waitUntil(30, () -> showing(robot, "#passwordField"));
        robot.clickOn("#passwordField").write(dev.lifeboat.testsupport.TestServer.ADMIN_PASSWORD);
        robot.clickOn("#passwordConnect");
        Button confirm = robot.lookup("#confirmRestore").queryButton();
        waitUntil(60, () -> confirm.getText().startsWith("Create"));
        assertEquals("Only: " + t1, robot.lookup("#planSelection").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#planTitle").queryAs(Label.class).getText()
                .startsWith("Plan: restore into a new database " + db.name() + "_t1 on "));
        clickInDialog(robot, "Cancel");
    }
}
