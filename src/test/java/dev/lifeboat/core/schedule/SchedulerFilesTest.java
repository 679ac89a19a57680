package dev.lifeboat.core.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class SchedulerFilesTest {
    private static final List<String> LAUNCHER = List.of(ProcessHandle.current().info().command().orElse("/usr/bin/java"),
            "-jar", "/opt/life boat/lifeboat.jar");
    private final Schedule nightly = new Schedule("nightly", "ledger", "/srv/backups", "daily 02:30", "archive", true);
    private final Schedule weekly = new Schedule("weekly", "ledger", "/srv/backups", "weekly sun 03:15", null, false);

    @Test
    void scheduleTimesTranslateForEveryScheduler() {
        ScheduleTime daily = ScheduleTime.parse("daily 02:30");
        assertEquals("*-*-* 02:30:00", daily.systemdCalendar());
        assertEquals("30 2 * * *", daily.cron());
        ScheduleTime sunday = ScheduleTime.parse("weekly Sunday 03:15");
        assertEquals(DayOfWeek.SUNDAY, sunday.day());
        assertEquals("Sun *-*-* 03:15:00", sunday.systemdCalendar());
        assertEquals("15 3 * * 0", sunday.cron());
        assertEquals("0 * * * *", ScheduleTime.parse("hourly").cron());
        assertEquals(LocalDateTime.of(2026, 11, 22, 2, 30), daily.next(LocalDateTime.of(2026, 11, 21, 5, 0)));
        assertEquals(LocalDateTime.of(2026, 11, 22, 3, 15), sunday.next(LocalDateTime.of(2026, 11, 21, 5, 0)));
    }

    @Test
    void crontabLineQuotesPathsAndCarriesAMarker() {
        String line = SchedulerFiles.crontabLine(nightly, LAUNCHER);
        assertTrue(line.startsWith("30 2 * * * "), line);
        assertTrue(line.contains("'/opt/life boat/lifeboat.jar' scheduled-run nightly"), line);
        assertTrue(line.endsWith("# lifeboat:nightly"), line);
    }

    @Test
    void launchdAndTaskSchedulerFilesAreWellFormedXml() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        var plist = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                SchedulerFiles.launchdPlist(weekly, LAUNCHER).getBytes(StandardCharsets.UTF_8)));
        assertEquals("plist", plist.getDocumentElement().getNodeName());
        assertTrue(SchedulerFiles.launchdPlist(weekly, LAUNCHER).contains("<key>Weekday</key><integer>0</integer>"));
        String task = SchedulerFiles.windowsTaskXml(weekly, List.of("C:\\Program Files\\lifeboat\\lifeboat-cli.exe"));
        var doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                task.replace("encoding=\"UTF-16\"", "encoding=\"UTF-8\"").getBytes(StandardCharsets.UTF_8)));
        assertEquals("Task", doc.getDocumentElement().getNodeName());
        assertTrue(task.contains("<Sunday />"), task);
        assertTrue(task.contains("<Command>C:\\Program Files\\lifeboat\\lifeboat-cli.exe</Command>"), task);
        assertTrue(task.contains("<Arguments>scheduled-run weekly</Arguments>"), task);
    }

    @Test
    void systemdUnitsPassSystemdAnalyzeVerify(@TempDir Path dir) throws Exception {
        Path service = dir.resolve(nightly.unitName() + ".service");
        Path timer = dir.resolve(nightly.unitName() + ".timer");
        Files.writeString(service, SchedulerFiles.systemdService(nightly, LAUNCHER));
        Files.writeString(timer, SchedulerFiles.systemdTimer(nightly));
        assertTrue(Files.readString(timer).contains("OnCalendar=*-*-* 02:30:00"));
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")), "systemd-analyze is not installed");
        Process p = new ProcessBuilder("systemd-analyze", "verify", service.toString(), timer.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(!out.contains(nightly.unitName()), "systemd-analyze complains about our units: " + out);
    }
}
