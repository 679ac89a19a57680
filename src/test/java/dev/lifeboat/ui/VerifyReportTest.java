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
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verify dialog and its report as a DBA clicks them. */
@ExtendWith(PgExtension.class)
class VerifyReportTest extends FxTestBase {
    @Test
    void anArchiveVerifyOfAGoodBackupOpensAPassedReportAndTheRowSaysVerified(FxRobot robot, TestDatabase db) throws Exception {
        SampleData.create(db);
        BackupEntry e = new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "nightly"), ProgressListener.NONE, CancelToken.none());
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        robot.clickOn("#verifyButton");
        waitUntil(10, () -> showing(robot, "#depthArchive"));
        robot.clickOn("#depthArchive");
        robot.clickOn("#startVerify");
        waitUntil(120, () -> showing(robot, "#reportOutcome"));
        assertEquals("PASSED", robot.lookup("#reportOutcome").queryAs(Label.class).getText());
        assertTrue(robot.lookup(".label").queryAllAs(Label.class).stream().anyMatch(l -> l.getText() != null && l.getText().startsWith(e.id())),
                "the report names the backup");
        robot.clickOn("#reportClose");
        waitUntil(10, () -> table(robot).getItems().get(0).status().text().contains("verified")
                && !table(robot).getItems().get(0).status().text().contains("never"));
        assertTrue(app.context().backupsInUse().isEmpty(), "the backup is free again once verified");
    }
}
