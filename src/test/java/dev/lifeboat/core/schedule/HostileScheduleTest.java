package dev.lifeboat.core.schedule;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Schedules keep no password, refuse unsafe names, and quote everything they write (issue 12, items 5 and 6). */
class HostileScheduleTest {
    @TempDir
    Path config;

    /** Arguments a launcher path could hold; none may change the meaning of a scheduler entry. */
    private static final List<String> HOSTILE = List.of("/opt/life boat/it's \"here\"", "%s%n 100% $HOME `id` $(id)",
            "a;b&&c|d>e", "back\\slash\\", "ünïcødé ñ");

    private static List<String> launcher() {
        List<String> l = new ArrayList<>(List.of("/usr/bin/printf", "[%s]\\n"));
        l.addAll(HOSTILE);
        return l;
    }

    private static Schedule schedule(String connection) {
        return new Schedule("nightly-ledger", connection, "/srv/backups", "daily 02:30", "archive", true);
    }

    @Test
    void unsafeScheduleNamesAreRefused() {
        for (String bad : List.of("a\nb", "../../etc/evil", "x y", "", "-rf", "a/b", "x\n* * * * * rm -rf ~ # ", "é")) {
            Schedule s = new Schedule(bad, "ledger", "/srv", "daily 02:30", null, false);
            LifeboatException e = assertThrows(LifeboatException.class, () -> new ScheduleStore(config).put(s), bad);
            assertEquals(ErrorCode.USAGE, e.code());
            assertThrows(LifeboatException.class, () -> new ScheduleInstaller(config, launcher()).install(s), bad);
        }
        assertEquals(List.of(), new ScheduleStore(config).list());
        new ScheduleStore(config).put(new Schedule("nightly_ledger-2", "ledger", "/srv", "daily 02:30", null, false));
    }

    @Test
    void aPasswordInTheConnectionIsNeverStoredNorListed() throws Exception {
        ScheduleStore store = new ScheduleStore(config);
        store.put(schedule("postgresql://backup:s3cr%40t@db1:5432/ledger"));
        Schedule second = new Schedule("conninfo", "host=db1 dbname=ledger user=backup password=s3cr@t", "/srv",
                "daily 02:30", null, false);
        store.put(second);
        for (Path f : Files.list(config).toList()) {
            String text = Files.readString(f);
            assertFalse(text.contains("s3cr"), f + ": " + text);
        }
        assertTrue(store.find("nightly-ledger").orElseThrow().connection().startsWith("postgresql://backup@db1:5432/ledger"));
        assertFalse(store.list().toString().contains("s3cr"));
        assertTrue(Schedule.carriesPassword("postgresql://backup:pw@db1/ledger"));
        assertFalse(Schedule.carriesPassword("ledger"));
    }

    @Test
    void theCrontabLineRunsExactlyTheLauncherWithItsArgumentsUnderSh() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")) && Files.isExecutable(Path.of("/usr/bin/printf")));
        String line = SchedulerFiles.crontabLine(schedule("postgresql://u:pw@h/db; rm -rf /"), launcher());
        assertFalse(line.contains("\n"));
        assertFalse(line.contains("pw") || line.contains("rm -rf"), line);
        String command = line.split(" ", 6)[5];
        command = command.substring(0, command.lastIndexOf(" # lifeboat:")).replace("\\%", "%"); // what cron hands sh
        Process p = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        List<String> expected = new ArrayList<>();
        HOSTILE.forEach(a -> expected.add("[" + a + "]"));
        expected.add("[scheduled-run]");
        expected.add("[nightly-ledger]");
        assertEquals(String.join("\n", expected) + "\n", out);
    }

    @Test
    void launchdAndTaskSchedulerFilesCarryTheArgumentsVerbatim() throws Exception {
        Schedule s = schedule("host=h password=pw dbname='x</string><string>evil'");
        Document plist = parse(SchedulerFiles.launchdPlist(s, launcher()).getBytes(StandardCharsets.UTF_8));
        NodeList strings = ((org.w3c.dom.Element) plist.getElementsByTagName("array").item(0)).getElementsByTagName("string");
        List<String> args = new ArrayList<>();
        for (int i = 0; i < strings.getLength(); i++) {
            args.add(strings.item(i).getTextContent());
        }
        List<String> expected = new ArrayList<>(launcher());
        expected.addAll(List.of("scheduled-run", "nightly-ledger"));
        assertEquals(expected, args);

        String task = SchedulerFiles.windowsTaskXml(s, launcher());
        Document doc = parse(task.replace("encoding=\"UTF-16\"", "encoding=\"UTF-8\"").getBytes(StandardCharsets.UTF_8));
        String arguments = doc.getElementsByTagName("Arguments").item(0).getTextContent();
        assertFalse(arguments.contains("\n"));
        assertTrue(arguments.endsWith("scheduled-run nightly-ledger"), arguments);
        assertTrue(arguments.contains("\"/opt/life boat/it's \\\"here\\\"\""), arguments);
        assertTrue(arguments.contains(" back\\slash\\ "), arguments); // no space nor quote: literal as it is
        assertFalse(task.contains("pw") || task.contains("evil"), task);
    }

    @Test
    void systemdUnitsHoldOneExecStartWithEveryArgumentQuoted() {
        Schedule s = schedule("postgresql://u:pw@h/db");
        String service = SchedulerFiles.systemdService(s, launcher());
        List<String> lines = service.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.stream().filter(l -> l.startsWith("ExecStart=")).count(), service);
        assertEquals(7, lines.size(), service);
        String exec = lines.stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        assertTrue(exec.contains("\"%%s%%n 100%% $$HOME `id` $$(id)\""), exec);
        assertTrue(exec.contains("\"/opt/life boat/it's \\\"here\\\"\""), exec);
        assertFalse(service.contains("pw"));
        assertEquals(10, SchedulerFiles.systemdTimer(s).lines().count());
        assertThrows(LifeboatException.class, () -> SchedulerFiles.crontabLine(s, List.of("/bin/x\n* * * * * evil")));
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
