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
import dev.lifeboat.ui.manifest.BackupRow;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The off-site screens as a user meets them, against the password test server and an in-process
 * SFTP server whose host key is not known yet: add a destination, confirm its fingerprint on Test,
 * copy a backup from the context menu, see where it lives in the Copies column.
 */
@ExtendWith(PgExtension.class)
class OffsiteScreensTest extends SftpFxTestBase {
    /** Checks the condition on the FX thread: a lookup from the test thread races the scene graph's changes. */
    private static void waitOnFx(int seconds, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS,
                () -> WaitForAsyncUtils.asyncFx(condition).get(5, TimeUnit.SECONDS));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static String copiesCell(FxRobot robot) {
        TableView<BackupRow> table = robot.lookup("#manifestTable").queryTableView();
        TableColumn<BackupRow, String> c = (TableColumn<BackupRow, String>) table.getColumns().stream()
                .filter(x -> "Copies".equals(x.getText())).findFirst().orElseThrow();
        return c.getCellData(0);
    }

    @Test
    void addAnSftpDestinationConfirmItsFingerprintCopyABackupAndSeeItInTheCopiesColumn(FxRobot robot, TestDatabase db)
            throws Exception {
        SampleData.create(db);
        BackupEntry e = new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "nightly"), ProgressListener.NONE, CancelToken.none());
        waitOnFx(20, () -> robot.lookup("#manifestTable").queryTableView().getItems().size() == 1);
        assertEquals("local", copiesCell(robot));

        robot.clickOn("#moreMenu").clickOn("#menuDestinations");
        waitOnFx(10, () -> robot.lookup("#destinationKind").tryQuery().isPresent());
        ChoiceBox<String> kind = robot.lookup("#destinationKind").queryAs(ChoiceBox.class);
        WaitForAsyncUtils.asyncFx(() -> kind.getSelectionModel().select("SFTP server")).get(5, TimeUnit.SECONDS);
        robot.clickOn("#destinationName").write("box");
        robot.clickOn("#destinationUrl").write(sftp.url("backups"));
        robot.clickOn("#destinationAdd");
        WaitForAsyncUtils.waitForFxEvents();
        Label status = robot.lookup("#destinationStatus").queryAs(Label.class);
        assertTrue(status.getText().startsWith("\u2714 Added box"), status.getText());

        robot.clickOn("#destinationTest");
        waitOnFx(30, () -> robot.lookup("Trust 127.0.0.1").tryQuery().isPresent());
        assertTrue(robot.lookup((Node n) -> n instanceof Label l && l.getText() != null
                && l.getText().contains(sftp.hostKeyFingerprint())).tryQuery().isPresent(), "the fingerprint is shown");
        robot.clickOn("Trust 127.0.0.1");
        waitOnFx(30, () -> status.getText().startsWith("\u2714 box"));
        robot.clickOn(robot.lookup(".button").match((Node n) -> n instanceof javafx.scene.control.Button b
                && "Close".equals(b.getText())).queryButton());
        WaitForAsyncUtils.waitForFxEvents();

        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        // Headless Monocle opens no context menu on a right click: run what opening it runs, then fire the item.
        TableView<BackupRow> table = robot.lookup("#manifestTable").queryTableView();
        WaitForAsyncUtils.asyncFx(() -> {
            var menu = table.getContextMenu();
            menu.getOnShowing().handle(null);
            javafx.scene.control.Menu copyTo = (javafx.scene.control.Menu) menu.getItems().stream()
                    .filter(i -> "Copy to".equals(i.getText())).findFirst().orElseThrow();
            copyTo.getItems().stream().filter(i -> "box".equals(i.getText())).findFirst().orElseThrow().fire();
        }).get(5, TimeUnit.SECONDS);
        waitOnFx(60, () -> copiesCell(robot).equals("local + box \u2713"));
        assertTrue(Files.isRegularFile(sftp.files().resolve("backups").resolve(e.file())), "the copy is on the server");
    }

    @Test
    void newBackupCopiesToTheTickedDestinationAndTheColumnShowsIt(FxRobot robot, TestDatabase db) throws Exception {
        SampleData.create(db);
        Path usb = Files.createDirectories(work.resolve("usb"));
        new dev.lifeboat.core.destination.DestinationStore(folder).add(new dev.lifeboat.core.destination.DestinationConfig(
                "usb", usb.toUri().toString(), null, null, null, null, true, null));
        String uri = db.spec().withPassword(null).toUri();
        robot.clickOn("#newBackupButton");
        robot.clickOn("#backupConnection").write(uri);
        assertTrue(robot.lookup("#copyTo-usb").queryAs(javafx.scene.control.CheckBox.class).isSelected(),
                "an automatic destination is ticked");
        robot.clickOn("#startBackup");
        waitOnFx(30, () -> robot.lookup("#passwordField").tryQuery().isPresent());
        robot.clickOn("#passwordField").write(dev.lifeboat.testsupport.TestServer.ADMIN_PASSWORD);
        robot.clickOn("#passwordConnect");
        waitOnFx(90, () -> robot.lookup("#manifestTable").queryTableView().getItems().size() == 1
                && copiesCell(robot).equals("local + usb \u2713"));
        BackupEntry e = new ManifestStore(folder).load().backups().get(0);
        assertTrue(Files.isRegularFile(usb.resolve(e.file())), "the copy is in the destination folder");
        assertTrue(e.copyAt("usb").orElseThrow().isOk(), "read back and recorded");
    }
}
