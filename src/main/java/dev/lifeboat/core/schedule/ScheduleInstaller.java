package dev.lifeboat.core.schedule;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Writes a schedule into the OS's own scheduler: a systemd user timer (or, without systemd, a
 * crontab line) on Linux, a launchd agent on macOS, a Task Scheduler task on Windows.
 */
public final class ScheduleInstaller implements ScheduleService.Installer {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleInstaller.class);

    private final Path home;
    private final List<String> launcher;

    /** This user's scheduler, starting this installation of Lifeboat. */
    public static ScheduleInstaller forThisUser() {
        return new ScheduleInstaller(Path.of(System.getProperty("user.home")), currentLauncher());
    }

    /** @param launcher how the OS scheduler starts Lifeboat's CLI (see {@link #currentLauncher()}) */
    public ScheduleInstaller(Path home, List<String> launcher) {
        this.home = home;
        this.launcher = launcher;
    }

    /**
     * The installed launcher when running from a package (its shell launcher for the command line
     * where there is one: it starts faster), else this JVM with this jar.
     */
    public static List<String> currentLauncher() {
        String app = System.getProperty("jpackage.app-path");
        if (app != null && !app.isBlank()) {
            Path cli = Path.of(app).resolveSibling("lifeboat-cli");
            return List.of(Files.isExecutable(cli) ? cli.toString() : app);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Path jar = Path.of(ScheduleInstaller.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(jar) ? List.of(java, "-jar", jar.toString())
                    : List.of(java, "-cp", System.getProperty("java.class.path"), "dev.lifeboat.Main");
        } catch (java.net.URISyntaxException e) {
            return List.of(java, "-cp", System.getProperty("java.class.path"), "dev.lifeboat.Main");
        }
    }

    /** Installs it; returns where it went, in words. */
    @Override
    public String install(Schedule s) {
        Schedule.requireSafeName(s.name());
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path xml = home.resolve(s.unitName() + ".xml");
            write(xml, SchedulerFiles.windowsTaskXml(s, launcher), StandardCharsets.UTF_16LE);
            run(List.of("schtasks", "/Create", "/TN", "Lifeboat\\" + s.unitName(), "/XML", xml.toString(), "/F"));
            return "Task Scheduler task Lifeboat\\" + s.unitName();
        }
        if (os.contains("mac")) {
            Path plist = home.resolve("Library/LaunchAgents/dev.lifeboat." + s.unitName() + ".plist");
            write(plist, SchedulerFiles.launchdPlist(s, launcher), StandardCharsets.UTF_8);
            run(List.of("launchctl", "load", "-w", plist.toString()));
            return "launchd agent " + plist;
        }
        if (systemdUserAvailable()) {
            Path dir = home.resolve(".config/systemd/user");
            write(dir.resolve(s.unitName() + ".service"), SchedulerFiles.systemdService(s, launcher), StandardCharsets.UTF_8);
            write(dir.resolve(s.unitName() + ".timer"), SchedulerFiles.systemdTimer(s), StandardCharsets.UTF_8);
            run(List.of("systemctl", "--user", "daemon-reload"));
            run(List.of("systemctl", "--user", "enable", "--now", s.unitName() + ".timer"));
            return "systemd user timer " + dir.resolve(s.unitName() + ".timer");
        }
        List<String> lines = new ArrayList<>(crontab());
        lines.removeIf(l -> l.endsWith("# lifeboat:" + s.name()));
        lines.add(SchedulerFiles.crontabLine(s, launcher));
        writeCrontab(lines);
        return "crontab line (# lifeboat:" + s.name() + ")";
    }

    @Override
    public void remove(Schedule s) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            run(List.of("schtasks", "/Delete", "/TN", "Lifeboat\\" + s.unitName(), "/F"));
        } else if (os.contains("mac")) {
            Path plist = home.resolve("Library/LaunchAgents/dev.lifeboat." + s.unitName() + ".plist");
            run(List.of("launchctl", "unload", "-w", plist.toString()));
            delete(plist);
        } else {
            Path dir = home.resolve(".config/systemd/user");
            if (Files.exists(dir.resolve(s.unitName() + ".timer"))) {
                run(List.of("systemctl", "--user", "disable", "--now", s.unitName() + ".timer"));
                delete(dir.resolve(s.unitName() + ".timer"));
                delete(dir.resolve(s.unitName() + ".service"));
                run(List.of("systemctl", "--user", "daemon-reload"));
            }
            List<String> lines = new ArrayList<>(crontabOrEmpty());
            if (lines.removeIf(l -> l.endsWith("# lifeboat:" + s.name()))) {
                writeCrontab(lines);
            }
        }
    }

    private static boolean systemdUserAvailable() {
        try {
            Process p = new ProcessBuilder("systemctl", "--user", "is-system-running").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && Files.isDirectory(Path.of("/run/systemd/system"))
                    && System.getenv("XDG_RUNTIME_DIR") != null;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private List<String> crontabOrEmpty() {
        try {
            return crontab();
        } catch (LifeboatException e) {
            return List.of();
        }
    }

    private static List<String> crontab() {
        try {
            Process p = new ProcessBuilder("crontab", "-l").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return p.exitValue() == 0 ? out.lines().toList() : List.of();
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.TOOL_MISSING, "Neither systemd user timers nor crontab are available to "
                    + "schedule backups on this machine. Install cron, or start the scheduled run from a scheduler of "
                    + "your own.", Remedy.RUN_FROM_OWN_SCHEDULER, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LifeboatException.cancelled("Reading the crontab");
        }
    }

    private static void writeCrontab(List<String> lines) {
        try {
            Process p = new ProcessBuilder("crontab", "-").redirectErrorStream(true).start();
            p.getOutputStream().write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new LifeboatException(ErrorCode.IO_ERROR, "crontab refused the new table: " + out.strip());
            }
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot write the crontab: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LifeboatException.cancelled("Writing the crontab");
        }
    }

    private static void run(List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new LifeboatException(ErrorCode.IO_ERROR, String.join(" ", cmd) + " failed: " + out.strip());
            }
            LOG.info("{}: ok", String.join(" ", cmd));
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.TOOL_MISSING, "Cannot run " + cmd.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LifeboatException.cancelled(cmd.get(0));
        }
    }

    private static void write(Path file, String text, java.nio.charset.Charset cs) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, cs);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover unit file is harmless once disabled
        }
    }
}
