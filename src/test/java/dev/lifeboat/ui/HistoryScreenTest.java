package dev.lifeboat.ui;

import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import dev.lifeboat.ui.operations.HistoryModel;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The History tab, clicked as a user would, against a server that asks for a password: a live
 * rollback point can be discarded (after the prompt), and once it is gone it cannot be rolled back to.
 */
@ExtendWith(PgExtension.class)
class HistoryScreenTest extends FxTestBase {
    @SuppressWarnings("unchecked")
    private static TableView<HistoryModel.Row> history(FxRobot robot) {
        return (TableView<HistoryModel.Row>) (TableView<?>) robot.lookup("#history").queryTableView();
    }

    @Test
    void discardingALiveRollbackPointAsksForThePasswordDropsItAndDisablesRollBack(FxRobot robot, TestDatabase db,
                                                                                   TestServer server) throws Exception {
        String point = db.name() + "_before_test";
        TestServer.execute(server.admin(), "CREATE DATABASE " + point);
        String conninfo = db.spec().withDatabase("postgres").withPassword(null).toConninfo();
        new OperationsLog(folder).append(new OperationRecord("op_1", OperationRecord.RESTORE, "ledger_1", conninfo,
                db.name(), "replace", "2026-12-01T10:00:00Z", "2026-12-01T10:01:00Z", OperationRecord.SUCCEEDED,
                "Restored", point, null, null, 60.0, null, null));
        new OperationsLog(folder).append(new OperationRecord("op_0", OperationRecord.RESTORE, "ledger_0", conninfo,
                db.name(), "replace", "2026-11-30T10:00:00Z", "2026-11-30T10:01:00Z", OperationRecord.FAILED,
                "pg_restore failed", null, null, null, 5.0, null, null));
        robot.clickOn("#refreshButton");
        robot.clickOn("History");
        waitUntil(10, () -> history(robot).getItems().size() == 2);
        assertEquals("op_1", history(robot).getItems().get(0).record().id(), "newest first");

        robot.clickOn("ledger_0");
        assertTrue(robot.lookup("#discardButton").queryAs(Button.class).isDisabled(), "no rollback point to discard");
        robot.clickOn("ledger_1");
        assertFalse(robot.lookup("#rollbackButton").queryAs(Button.class).isDisabled());
        robot.clickOn("#discardButton");
        robot.clickOn("Drop " + point);
        waitUntil(30, () -> showing(robot, "#passwordField"));
        robot.clickOn("#passwordField").write(TestServer.ADMIN_PASSWORD);
        robot.clickOn("#passwordConnect");
        waitUntil(30, () -> history(robot).getItems().size() == 3);
        assertFalse(server.databaseExists(point), "dropped");
        robot.clickOn("History");
        waitUntil(5, () -> showing(robot, "#history"));
        robot.clickOn("2026-12-01 10:00:00Z");
        assertEquals("op_1", history(robot).getSelectionModel().getSelectedItem().record().id());
        assertTrue(robot.lookup("#rollbackButton").queryAs(Button.class).isDisabled(), "its point is gone");
    }
}
