package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.manifest.CatalogFixtures;
import dev.lifeboat.ui.FxTestBase;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The column filters a DBA uses as before (right-click a header, tick the values to show): they
 * filter the rows together with the search box, say that a filter is on (the header marked,
 * "Filtered by …" above the table) and clear with one click.
 */
class ColumnFilterTest extends FxTestBase {
    private static final int ENTRIES = 30;

    @Override
    protected void beforeApp() {
        CatalogFixtures.seed(folder, ENTRIES); // db0, db1, db2 in turn; every third verified
    }

    @Test
    void filteringAColumnByItsValuesShowsOnlyThoseRowsSaysSoAndClears(FxRobot robot) throws Exception {
        TableView<BackupRow> table = table(robot);
        waitUntil(20, () -> table.getItems().size() == ENTRIES);
        TableColumn<BackupRow, ?> database = column(table, "Database");

        openFilter(robot, "Database");
        waitUntil(5, () -> showing(robot, "#filter-Database"));
        Node panel = robot.lookup("#filter-Database").query();
        robot.clickOn(robot.from(panel).lookup("Untick all").queryAs(Button.class));
        robot.clickOn(valueBox(robot, panel, "db1"));
        robot.clickOn(robot.from(panel).lookup("#filterApply").queryAs(Button.class));

        waitUntil(5, () -> table.getItems().size() == ENTRIES / 3);
        assertTrue(table.getItems().stream().allMatch(r -> "db1".equals(r.entry().database())));
        assertEquals("Filtered by Database", robot.lookup("#filteredBy").queryAs(Label.class).getText());
        assertTrue(showing(robot, "#filteredBy") && showing(robot, "#clearFilters"));
        assertTrue(database.getStyleClass().contains(ColumnFilters.FILTERED), "the header marked");
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream()
                .anyMatch(l -> l.getText() != null && l.getText().equals("10 of 30 backups")));

        // The search box narrows what the column filter lets through: of backups 1 and 10..19, db1 has 1, 10, 13, 16, 19.
        robot.clickOn("#search").write("hourly backup 1");
        waitUntil(5, () -> table.getItems().size() == 5);
        assertTrue(table.getItems().stream().allMatch(r -> "db1".equals(r.entry().database())));
        robot.clickOn("#search").press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).type(KeyCode.BACK_SPACE);

        robot.clickOn("#clearFilters");
        waitUntil(5, () -> table.getItems().size() == ENTRIES);
        assertFalse(showing(robot, "#filteredBy"));
        assertFalse(database.getStyleClass().contains(ColumnFilters.FILTERED));
    }

    @Test
    void clearInAColumnsPanelShowsEveryRowAgain(FxRobot robot) throws Exception {
        TableView<BackupRow> table = table(robot);
        waitUntil(20, () -> table.getItems().size() == ENTRIES);
        openFilter(robot, "Database");
        waitUntil(5, () -> showing(robot, "#filter-Database"));
        Node panel = robot.lookup("#filter-Database").query();
        robot.clickOn(valueBox(robot, panel, "db0")); // untick: the others remain
        robot.clickOn(robot.from(panel).lookup("#filterApply").queryAs(Button.class));
        waitUntil(5, () -> table.getItems().size() == ENTRIES - ENTRIES / 3);
        assertTrue(table.getItems().stream().noneMatch(r -> "db0".equals(r.entry().database())));

        openFilter(robot, "Database");
        waitUntil(5, () -> showing(robot, "#filter-Database"));
        Node again = robot.lookup("#filter-Database").query();
        robot.clickOn(robot.from(again).lookup("#filterClear").queryAs(Button.class));
        waitUntil(5, () -> table.getItems().size() == ENTRIES);
        assertFalse(showing(robot, "#filteredBy"));
    }

    private static TableColumn<BackupRow, ?> column(TableView<BackupRow> table, String title) {
        return table.getColumns().stream().filter(c -> title.equals(c.getText())).findFirst().orElseThrow();
    }

    /**
     * What a right-click on the header does: the header asks for its column's menu. (Headless, the
     * robot's right button makes no context-menu request, so the request is made as the platform would.)
     */
    private static void openFilter(FxRobot robot, String title) throws Exception {
        Node header = header(robot, title);
        WaitForAsyncUtils.asyncFx(() -> {
            javafx.geometry.Bounds b = header.localToScreen(header.getBoundsInLocal());
            javafx.event.Event.fireEvent(header, new javafx.scene.input.ContextMenuEvent(
                    javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED, header.getBoundsInLocal().getCenterX(),
                    header.getBoundsInLocal().getCenterY(), b.getCenterX(), b.getCenterY(), false, null));
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Node header(FxRobot robot, String title) {
        return robot.lookup(".column-header").queryAll().stream()
                .filter(n -> n instanceof TableColumnHeader h && h.getTableColumn() != null && title.equals(h.getTableColumn().getText()))
                .findFirst().orElseThrow();
    }

    /** The tick box of one value in a column's panel ("db1   (10)"). */
    private static CheckBox valueBox(FxRobot robot, Node panel, String value) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> panel.lookupAll(".check-box").stream().map(n -> (CheckBox) n)
                .filter(c -> c.getText() != null && c.getText().startsWith(value + " ")).findFirst().orElseThrow())
                .get(5, TimeUnit.SECONDS);
    }
}
