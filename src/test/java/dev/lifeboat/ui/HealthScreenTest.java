package dev.lifeboat.ui;

import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Health tab, clicked as a user would: each finding says what to do, as a button where the app can. */
class HealthScreenTest extends FxTestBase {
    @Test
    void anOldNewestBackupIsCriticalAndItsNewBackupButtonOpensTheBackupDialog(FxRobot robot) throws Exception {
        BackupEntry old = new BackupEntry("ledger_1", "20260101_000000", "2026-01-01T00:00:00Z", "ledger", "localhost",
                5432, "u", "nightly", List.of("manual"), "manual", "ledger_1.dump", "custom", 1000L, 0.0, "00", "SHA-256",
                1, "exact", List.of(), "15.15", 150015, "15", 1L, 1.0, 1, null, null, null, false, List.of(), null);
        Files.writeString(folder.resolve(old.file()), "dump");
        new ManifestStore(folder).update(m -> m.withAdded(old));
        waitUntil(10, () -> table(robot).getItems().size() == 1);
        robot.clickOn("Health");
        robot.clickOn("#healthRefresh");
        TableView<?> checks = robot.lookup("#healthChecks").queryTableView();
        waitUntil(20, () -> !checks.getItems().isEmpty());
        assertEquals("CRITICAL", robot.lookup("#healthState").queryAs(Label.class).getText());
        Button backup = robot.lookup(".remedy-take-backup").queryButton();
        assertEquals("New backup\u2026", backup.getText());
        robot.clickOn(backup);
        waitUntil(10, () -> showing(robot, "#backupConnection"));
    }

    @Test
    void aFileWithoutEntryOffersTheAppsImportWithItsWordsInTheTooltip(FxRobot robot) throws Exception {
        Files.writeString(folder.resolve("ledger_20260101_000000.dump"), "not adopted");
        robot.clickOn("Health");
        robot.clickOn("#healthRefresh");
        waitUntil(20, () -> robot.lookup("Files without entries").tryQuery().isPresent());
        waitUntil(20, () -> robot.lookup(".remedy-run-import").tryQuery().isPresent());
        Button importButton = robot.lookup(".remedy-run-import").queryButton();
        assertTrue(importButton.getText().startsWith("Import"), "the button names the app's action");
        javafx.scene.Node n = importButton;
        while (n != null && !(n instanceof javafx.scene.control.TableCell<?, ?>)) {
            n = n.getParent();
        }
        assertTrue(n instanceof javafx.scene.control.TableCell<?, ?> cell && cell.getTooltip() != null
                && cell.getTooltip().getText().contains("Import backups from folder"), "the remedy in the app's words");
    }

    @Test
    void chartsOfFiveHundredBackupsKeepTheirPlotAndShowAFewReadableDates(FxRobot robot) throws Exception {
        dev.lifeboat.testsupport.BackupHistory.write(folder, List.of("ledger"), 500);
        waitUntil(20, () -> table(robot).getItems().size() == 500);
        robot.clickOn("Health");
        javafx.scene.chart.LineChart<?, ?> chart = robot.lookup("#healthSizeChart").query();
        waitUntil(20, () -> !chart.getData().isEmpty() && !chart.getData().get(0).getData().isEmpty());
        javafx.scene.layout.Region plot = robot.from(chart).lookup(".chart-plot-background").query();
        assertTrue(plot.getHeight() > chart.getHeight() / 2,
                "the plot keeps most of the chart's height: " + plot.getHeight() + " of " + chart.getHeight());
        var ticks = chart.getXAxis().getTickMarks().stream().filter(javafx.scene.chart.Axis.TickMark::isTextVisible).toList();
        assertFalse(ticks.isEmpty(), "the time axis is labelled");
        assertTrue(ticks.size() <= 15, "a few ticks, not one per backup: " + ticks.size());
        var format = ((javafx.scene.chart.NumberAxis) chart.getXAxis()).getTickLabelFormatter();
        List<String> labels = ticks.stream().map(t -> format.toString((Number) t.getValue())).toList();
        assertTrue(labels.stream().allMatch(l -> l.matches("\\d{4}-\\d{2}-\\d{2}")), "each tick a date: " + labels);
    }
}
