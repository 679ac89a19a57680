package dev.lifeboat.core.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which command a schedule runs: the package's command-line launcher where there is one. */
class ScheduleInstallerTest {
    @TempDir
    Path app;

    private static Path executable(Path file) throws IOException {
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    private static List<String> launcherFor(Path appPath) {
        String before = System.getProperty("jpackage.app-path");
        System.setProperty("jpackage.app-path", appPath.toString());
        try {
            return ScheduleInstaller.currentLauncher();
        } finally {
            if (before == null) {
                System.clearProperty("jpackage.app-path");
            } else {
                System.setProperty("jpackage.app-path", before);
            }
        }
    }

    @Test
    void aPackagedAppSchedulesItsShellLauncherWhenItHasOne() throws IOException {
        Path bin = Files.createDirectories(app.resolve("bin"));
        Path nativeLauncher = executable(bin.resolve("lifeboat"));
        assertEquals(List.of(nativeLauncher.toString()), launcherFor(nativeLauncher));

        Path cli = executable(bin.resolve("lifeboat-cli"));
        assertEquals(List.of(cli.toString()), launcherFor(nativeLauncher));
    }
}
