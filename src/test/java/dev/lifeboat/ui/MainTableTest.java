package dev.lifeboat.ui;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import javafx.scene.Node;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.MenuButton;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main table and its menus as a DBA clicks them: delete from the context menu, recover from More. */
@ExtendWith(PgExtension.class)
class MainTableTest extends FxTestBase {
    private static Optional<DialogPane> dialog(FxRobot robot, String header) {
        return robot.lookup(".dialog-pane").queryAllAs(DialogPane.class).stream()
                .filter(d -> header.equals(d.getHeaderText())).findFirst();
    }

    /** More ▸ Recover after a crash… (headless Monocle opens no popup menu: the item is fired as a click would). */
    private static void recover(FxRobot robot) throws Exception {
        MenuButton more = robot.lookup("#moreMenu").queryAs(MenuButton.class);
        WaitForAsyncUtils.asyncFx(() -> more.getItems().stream().filter(i -> "menuRecover".equals(i.getId()))
                .findFirst().orElseThrow().fire()).get(5, TimeUnit.SECONDS);
    }

    @Test
    void deleteFromTheContextMenuNamesTheBackupAndRemovesFileAndRow(FxRobot robot, TestDatabase db) throws Exception {
        SampleData.create(db);
        BackupEntry e = new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "old"), ProgressListener.NONE, CancelToken.none());
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        // Headless Monocle opens no context menu on a right click; fire the menu's item as the click would.
        var deleting = WaitForAsyncUtils.asyncFx(() -> table(robot).getContextMenu().getItems().stream()
                .filter(i -> "Delete\u2026".equals(i.getText())).findFirst().orElseThrow().fire());
        waitUntil(10, () -> dialog(robot, "Delete").isPresent());
        assertTrue(dialog(robot, "Delete").orElseThrow().getContentText().contains(e.file()));
        robot.clickOn("Delete backup " + e.id());
        deleting.get(5, TimeUnit.SECONDS);
        waitUntil(30, () -> table(robot).getItems().isEmpty());
        assertFalse(Files.exists(folder.resolve(e.file())));
    }

    @Test
    void recoverFromTheMoreMenuListsTheLeftoverAndCleansItOnlyOnceConfirmed(FxRobot robot) throws Exception {
        Path partial = Files.writeString(folder.resolve("ledger_20260101_000000.dump.partial"), "half a dump");
        recover(robot);
        waitUntil(30, () -> dialog(robot, "Recover after a crash").isPresent());
        String listed = dialog(robot, "Recover after a crash").orElseThrow().getContentText();
        assertTrue(listed.contains(partial.getFileName().toString()), listed);
        DialogPane asking = dialog(robot, "Recover after a crash").orElseThrow();
        robot.clickOn(asking.lookupButton(ButtonType.CANCEL)); // the Operations tab has Cancel buttons too
        waitUntil(5, () -> dialog(robot, "Recover after a crash").isEmpty());
        assertTrue(Files.exists(partial), "cancelled: nothing cleaned");

        recover(robot);
        waitUntil(30, () -> dialog(robot, "Recover after a crash").isPresent());
        robot.clickOn("Clean 1 leftover(s)");
        waitUntil(30, () -> dialog(robot, "Recovered").isPresent());
        assertFalse(Files.exists(partial));
        clickInDialog(robot, "OK");
    }

    @Test
    void aTwelveMillionRowCountShowsWholeInTheRowsColumnAndTheDetailsAtTheDefaultSize(FxRobot robot) throws Exception {
        var tables = java.util.List.of(new dev.lifeboat.core.manifest.TableStat("public", "events", 12_345_678L, 3_000_000_000L));
        BackupEntry big = new BackupEntry("ledger_1", "20261201_020000", "2026-12-01T02:00:00Z", "ledger", "localhost",
                5432, "u", "nightly", java.util.List.of("scheduled"), "scheduled", "ledger_1.dump", "custom", 3_000_000_000L,
                2861.0, "00", "SHA-256", 1, "exact", tables, "15.15", 150015, "15", 9_000_000_000L, 310.0, 40, null, null,
                null, false, java.util.List.of(), null);
        Files.writeString(folder.resolve(big.file()), "stand-in");
        new ManifestStore(folder).update(m -> m.withAdded(big));
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        javafx.stage.Window stage = table(robot).getScene().getWindow();
        assertTrue(stage.getWidth() <= 1360, "the default window size, not a wider one: " + stage.getWidth());
        javafx.scene.control.TableColumn<?, ?> rows = table(robot).getColumns().stream()
                .filter(c -> "Rows".equals(c.getText())).findFirst().orElseThrow();
        javafx.scene.control.TableCell<?, ?> cell = robot.lookup(".table-row-cell .table-cell")
                .match((javafx.scene.control.TableCell<?, ?> c) -> c.getTableColumn() == rows).query();
        assertEquals("12,345,678", shownText(cell), "the count whole, not cut to an ellipsis");
        robot.clickOn(cell);
        // The details' Tables tab, not the table's Tables column (its content joins the window when first chosen).
        robot.clickOn(robot.lookup("#details .tab-label").match((javafx.scene.control.Labeled l) -> "Tables".equals(l.getText()))
                .queryAs(javafx.scene.Node.class));
        javafx.scene.control.TableView<?> perTable = robot.lookup("#detailsTables").queryTableView();
        javafx.scene.control.TableCell<?, ?> count = robot.from(perTable).lookup(".table-cell")
                .match((javafx.scene.control.TableCell<?, ?> c) -> "12,345,678".equals(c.getText())).query();
        assertEquals("12,345,678", shownText(count), "the table's count whole in the details");
    }

    @Test
    void aLongFileNameWrapsAtItsUnderscoresInTheDetailsWholeOnHoverAndCopyable(FxRobot robot) throws Exception {
        String file = "customer_orders_archive_eu_west_1_production_replica_20261201_020000.dump";
        BackupEntry e = new BackupEntry("orders_1", "20261201_020000", "2026-12-01T02:00:00Z", "orders", "localhost",
                5432, "u", "nightly", java.util.List.of("scheduled"), "scheduled", file, "custom", 3_000L,
                0.1, "00", "SHA-256", 1, "exact", java.util.List.of(), "15.15", 150015, "15", 9_000L, 1.0, 4, null, null,
                null, false, java.util.List.of(), null);
        Files.writeString(folder.resolve(file), "stand-in");
        new ManifestStore(folder).update(m -> m.withAdded(e));
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell .table-cell").queryAs(Node.class));
        java.util.function.Predicate<javafx.scene.control.Label> isFile = l -> l.getText() != null
                && file.equals(l.getText().replace("\u200A", ""));
        waitUntil(10, () -> !robot.lookup("#details .label").match(isFile).queryAll().isEmpty());
        javafx.scene.control.Label value = robot.lookup("#details .label").match(isFile).query();

        assertTrue(value.getText().contains("_\u200A"), "it may wrap after an underscore, not in the middle of a word");
        assertEquals(folder.resolve(file).toString(), value.getTooltip().getText(), "the whole path on hover");
        assertEquals("Copy path", value.getContextMenu().getItems().get(0).getText());
    }

    /** What the cell's skin draws: a clipped label shows its text cut with an ellipsis. */
    private static String shownText(javafx.scene.control.Labeled cell) {
        return cell.lookupAll(".text").stream().filter(n -> n instanceof javafx.scene.text.Text)
                .map(n -> ((javafx.scene.text.Text) n).getText()).findFirst().orElse(null);
    }
}
