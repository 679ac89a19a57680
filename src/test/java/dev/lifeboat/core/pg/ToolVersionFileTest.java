package dev.lifeboat.core.pg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A tool's version is asked once per binary, not once per command, and again when the binary changes. */
class ToolVersionFileTest {
    @TempDir
    Path dir;

    /** A pg_dump that answers its version and counts how often it was asked (one line per run). */
    private Path countingTool(Path folder, String version) throws IOException {
        Path tool = folder.resolve("pg_dump");
        Files.writeString(tool, "#!/bin/sh\necho run >> '" + dir.resolve("runs") + "'\necho 'pg_dump (PostgreSQL) "
                + version + "'\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        return tool;
    }

    private long runs() throws IOException {
        return Files.exists(dir.resolve("runs")) ? Files.readAllLines(dir.resolve("runs")).size() : 0;
    }

    private ToolInstallation findInNewProcess(Path bin, Path remembered) {
        PgToolLocator.forgetVersionsInMemory();
        return PgToolLocator.in(List.of(bin)).rememberingVersionsIn(remembered).require(PgTool.PG_DUMP, 0);
    }

    @Test
    void aVersionAskedOnceIsRememberedUntilTheBinaryChanges() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path remembered = dir.resolve("config/tool-versions.cache");
        Path tool = countingTool(bin, "15.4");

        assertEquals("15.4", findInNewProcess(bin, remembered).version());
        assertEquals("15.4", findInNewProcess(bin, remembered).version());
        assertEquals(1, runs(), "the second run reads the version remembered");

        // an upgrade in place: another size and time
        countingTool(bin, "16.2 (Debian 16.2-1)");
        Files.setLastModifiedTime(tool, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        ToolInstallation upgraded = findInNewProcess(bin, remembered);
        assertEquals("16.2", upgraded.version());
        assertEquals(1600, upgraded.majorKey());
        assertEquals(2, runs());
        assertEquals(1, Files.readAllLines(remembered).size(), "one line per binary");
    }

    @Test
    void anUnreadableFileIsAskedAgainAndRewritten() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path remembered = dir.resolve("tool-versions.cache");
        countingTool(bin, "15.4");
        Files.writeString(remembered, "garbage\nv1\tnot a line\n");

        assertEquals(1500, findInNewProcess(bin, remembered).majorKey());
        assertEquals(1500, findInNewProcess(bin, remembered).majorKey());
        assertEquals(1, runs());
    }

    @Test
    void withoutAFileEachProcessAsks() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        countingTool(bin, "15.4");
        PgToolLocator.forgetVersionsInMemory();
        PgToolLocator.in(List.of(bin)).require(PgTool.PG_DUMP, 0);
        PgToolLocator.forgetVersionsInMemory();
        PgToolLocator.in(List.of(bin)).require(PgTool.PG_DUMP, 0);
        assertEquals(2, runs());
    }
}
