package dev.lifeboat.ui;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.settings.ConnectionProfile;
import dev.lifeboat.testsupport.AppSchema;
import dev.lifeboat.testsupport.BackupHistory;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import javafx.scene.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;

import java.util.List;

/**
 * The screens whose look issue 10 asked to judge on screen, at the default window size: the restore
 * wizard with a real plan of an application-shaped database, Health with a believable history and
 * with hundreds of backups. Not a test (no Test suffix): {@code DISPLAY=:97 ./mvnw -o -Pdisplay test
 * -Dtest=LookTour -Dlifeboat.tour.out=target/screenshots}; open the pictures and judge them.
 */
@ExtendWith(PgExtension.class)
class LookTour extends FxTestBase {
    @Test
    void restoreWizardWithAnApplicationsPlan(FxRobot robot, TestDatabase db) throws Exception {
        AppSchema.create(db);
        settings.update(s -> s.withConnection(ConnectionProfile.from("prod", db.spec(), true)));
        new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "before migration 42"), ProgressListener.NONE, CancelToken.none());
        db.execute("DELETE FROM " + AppSchema.WEIRD_ORDERS + " WHERE true");
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        shot("look-main");
        showRestorePlan(robot);
        shot("look-restore-plan");
        Node planTables = robot.lookup("#planTables").query();
        org.testfx.util.WaitForAsyncUtils.asyncFx(() -> {
            Node n = planTables;
            while (n != null && !(n instanceof javafx.scene.control.ScrollPane)) {
                n = n.getParent();
            }
            ((javafx.scene.control.ScrollPane) n).setVvalue(1);
        }).get(5, java.util.concurrent.TimeUnit.SECONDS);
        shot("look-restore-plan-tables");
        robot.clickOn("#typedName").write(db.name());
        shot("look-restore-typed");
    }

    @Test
    void healthWithABelievableHistory(FxRobot robot) throws Exception {
        BackupHistory.write(folder, List.of("billing", "ledger", "shop"), 45);
        waitUntil(20, () -> table(robot).getItems().size() == 135);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        robot.clickOn("Health");
        robot.clickOn("#healthRefresh");
        waitUntil(20, () -> !robot.lookup("#healthChecks").queryTableView().getItems().isEmpty());
        shot("health");
        robot.clickOn("Restore time (full verify)");
        shot("look-health-restore");
    }

    @Test
    void healthWithFiveHundredBackups(FxRobot robot) throws Exception {
        BackupHistory.write(folder, List.of("ledger"), 500);
        waitUntil(30, () -> table(robot).getItems().size() == 500);
        robot.clickOn("Health");
        shot("look-health-500");
    }

    @Test
    void columnFilterOfTheBackupsTable(FxRobot robot) throws Exception {
        BackupHistory.write(folder, List.of("billing", "ledger", "shop"), 45);
        waitUntil(20, () -> table(robot).getItems().size() == 135);
        Node header = robot.lookup(".column-header").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.skin.TableColumnHeader h && h.getTableColumn() != null
                        && "Database".equals(h.getTableColumn().getText())).findFirst().orElseThrow();
        robot.rightClickOn(header);
        waitUntil(5, () -> showing(robot, "#filter-Database"));
        shot("look-filter-panel");
        robot.clickOn("Untick all");
        robot.clickOn("ledger   (45)"); // the value's text ticks it, as its box does
        robot.clickOn("#filterApply");
        waitUntil(5, () -> table(robot).getItems().size() == 45);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        shot("look-filtered");
    }

    /** Issue 15: a large folder sorted by a click on a header, both ways, with a backup selected (the selection kept). */
    @Test
    void sortingALargeFolder(FxRobot robot) throws Exception {
        BackupHistory.write(folder, List.of("billing", "ledger", "shop"), 700); // 2,100: the kept orders' path
        waitUntil(30, () -> table(robot).getItems().size() == 2_100);
        robot.clickOn(robot.lookup(".table-row-cell").nth(2).queryAs(Node.class));
        robot.clickOn(header(robot, "Size"));
        waitUntil(5, () -> table(robot).getItems().get(0).sizeBytes() < table(robot).getItems().get(2_099).sizeBytes());
        shot("look-sort-size-ascending");
        robot.clickOn(header(robot, "Size"));
        waitUntil(5, () -> table(robot).getItems().get(0).sizeBytes() > table(robot).getItems().get(2_099).sizeBytes());
        shot("look-sort-size-descending");
        robot.clickOn(header(robot, "Status"));
        shot("look-sort-status");
        robot.clickOn(header(robot, "Database"));
        robot.clickOn(header(robot, "Database"));
        shot("look-sort-database-descending");
    }

    /** Issue 15: a directory-format backup (backup --jobs 2) in the table, its details and Health. */
    @Test
    void aDirectoryBackup(FxRobot robot, TestDatabase db) throws Exception {
        AppSchema.create(db);
        new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                .create(BackupRequest.of(db.spec(), "parallel").withJobs(2), ProgressListener.NONE, CancelToken.none());
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn(robot.lookup(".table-row-cell").nth(0).queryAs(Node.class));
        shot("look-directory-backup");
        robot.clickOn("Health");
        robot.clickOn("#healthRefresh");
        waitUntil(20, () -> !robot.lookup("#healthChecks").queryTableView().getItems().isEmpty());
        shot("look-directory-backup-health");
    }

    private static Node header(FxRobot robot, String title) {
        return robot.lookup(".column-header").queryAll().stream()
                .filter(n -> n instanceof javafx.scene.control.skin.TableColumnHeader h && h.getTableColumn() != null
                        && title.equals(h.getTableColumn().getText())).findFirst().orElseThrow();
    }
}
