package dev.lifeboat.ui;

import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Takes the README's off-site screenshots from the real app in a real window (Xvfb), against the
 * password test server and an in-process SFTP server. Not a test (no Test suffix): run it on purpose,
 * {@code DISPLAY=:97 ./mvnw -o -Pdisplay test -Dtest=OffsiteScreenshotTour -Dlifeboat.tour.out=docs/screenshots}.
 */
@ExtendWith(PgExtension.class)
class OffsiteScreenshotTour extends SftpFxTestBase {
    @Test
    @SuppressWarnings("unchecked")
    void tour(FxRobot robot, TestDatabase db) throws Exception {
        assumeTrue(System.getenv("DISPLAY") != null, "a display");
        SampleData.create(db);
        settings.update(s -> s.withConnection(ConnectionProfile.from("ledger", db.spec().withPassword(null), false)));
        Path usb = Files.createDirectories(work.resolve("usb"));
        new dev.lifeboat.core.destination.DestinationStore(folder).add(new dev.lifeboat.core.destination.DestinationConfig(
                "usb-disk", usb.toUri().toString(), null, null, null, null, true, null));

        robot.clickOn("#moreMenu").clickOn("#menuDestinations");
        waitUntil(10, () -> robot.lookup("#destinationKind").tryQuery().isPresent());
        ChoiceBox<String> kind = robot.lookup("#destinationKind").queryAs(ChoiceBox.class);
        WaitForAsyncUtils.asyncFx(() -> kind.getSelectionModel().select("SFTP server")).get(5, TimeUnit.SECONDS);
        robot.clickOn("#destinationName").write("offsite-box");
        robot.clickOn("#destinationUrl").write(sftp.url("backups/ledger"));
        robot.clickOn("#destinationAdd");
        robot.clickOn("#destinationTest");
        waitUntil(30, () -> robot.lookup("Trust 127.0.0.1").tryQuery().isPresent());
        shot("destinations-fingerprint");
        robot.clickOn("Trust 127.0.0.1");
        waitUntil(30, () -> robot.lookup("#destinationStatus").queryLabeled().getText().startsWith("\u2714 offsite-box"));
        shot("destinations");
        robot.clickOn(robot.lookup(".button").match((Node n) -> n instanceof javafx.scene.control.Button b
                && "Close".equals(b.getText())).queryButton());

        TableView<?> table = robot.lookup("#manifestTable").queryTableView();
        for (int i = 1; i <= 2; i++) {
            robot.clickOn("#newBackupButton");
            robot.clickOn("#backupConnection").eraseText(40).write("ledger");
            robot.clickOn("#backupDescription").write(i == 2 ? "before migration 42" : "nightly");
            if (i == 2) {
                robot.clickOn("#copyTo-offsite-box");
                shot("backup-copy-to");
            }
            robot.clickOn("#startBackup");
            if (i == 1) {
                waitUntil(30, () -> robot.lookup("#passwordField").tryQuery().isPresent());
                robot.clickOn("#passwordField").write(dev.lifeboat.testsupport.TestServer.ADMIN_PASSWORD);
                robot.clickOn("#rememberPassword");
                robot.clickOn("#passwordConnect");
            }
            int n = i;
            waitUntil(120, () -> table.getItems().size() == n);
        }
        Thread.sleep(3000); // the copies of the second backup: read back, then recorded
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        robot.moveTo(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        shot("copies-column");

        robot.clickOn("#moreMenu").clickOn("#menuEncryptionEmail");
        waitUntil(10, () -> robot.lookup("#lostKeyWarning").tryQuery().isPresent());
        shot("encryption-settings");
    }
}
