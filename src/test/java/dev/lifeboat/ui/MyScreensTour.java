package dev.lifeboat.ui;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.VerificationRecord;
import dev.lifeboat.core.schedule.Schedule;
import dev.lifeboat.core.schedule.ScheduleStore;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.nio.file.Files;
import java.util.List;

/**
 * Screenshots of the schedules, health, history, log, retention and settings screens at the
 * default window size, in a real window (Xvfb), to judge their look. Not a test (no Test suffix):
 * {@code DISPLAY=:98 ./mvnw -o -Pdisplay test -Dtest=MyScreensTour -Dlifeboat.tour.out=target/screens} (target/screenshots by default).
 */
class MyScreensTour extends FxTestBase {
    private void addBackup(String id, String datetime, long size, double seconds, List<VerificationRecord> v)
            throws Exception {
        BackupEntry e = new BackupEntry(id, "20260101_000000", datetime, "ledger", "localhost", 5432, "u",
                "nightly", List.of("manual"), "manual", id + ".dump", "custom", size, 0.0, "00", "SHA-256", 1, "exact",
                List.of(), "15.15", 150015, "15", 1L, seconds, 1, null, null, null, false, v, null);
        Files.writeString(folder.resolve(e.file()), "dump");
        new ManifestStore(folder).update(m -> m.withAdded(e));
    }

    @Test
    void tour(FxRobot robot) throws Exception {
        for (int i = 1; i <= 6; i++) {
            addBackup("ledger_" + i, "2026-11-2" + i + "T02:30:00Z", (100L + 7 * i) << 20, 30.0 + 3 * i,
                    i % 2 == 0 ? List.of(new VerificationRecord("2026-11-2" + i + "T03:00:00Z", "full", CheckStatus.PASS,
                            90.0, 70.0 + i, List.of(), List.of())) : List.of());
        }
        Files.writeString(folder.resolve("shop_20260101_000000.dump"), "not adopted");
        new ScheduleStore(settings.file().getParent()).put(new Schedule("nightly", "ledger", folder.toString(),
                "daily 02:30", "archive", true));
        waitUntil(10, () -> table(robot).getItems().size() == 6);
        robot.clickOn("Health");
        robot.clickOn("#healthRefresh");
        waitUntil(20, () -> !robot.lookup("#healthChecks").queryTableView().getItems().isEmpty());
        shot("health");
        robot.clickOn("Schedules");
        shot("schedules");
        robot.clickOn("#addSchedule");
        shot("schedule-add");
        robot.clickOn("Cancel");
        robot.clickOn("History");
        shot("history");
        robot.clickOn("Log");
        shot("log");
        robot.clickOn("#retentionButton");
        waitUntil(10, () -> !robot.lookup("#keepLast").query().isDisabled());
        robot.clickOn("#keepLast").write("3");
        robot.clickOn("#keepWeekly").write("x");
        shot("retention");
        robot.clickOn("Close");
        robot.clickOn("#settingsButton");
        shot("settings");
        robot.clickOn("PostgreSQL tools");
        Thread.sleep(1500);
        shot("settings-tools");
        robot.clickOn("Cancel");
    }
}
