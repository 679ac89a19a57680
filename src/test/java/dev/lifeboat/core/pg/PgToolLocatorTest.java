package dev.lifeboat.core.pg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PgToolLocatorTest {
    @TempDir
    Path dir;

    /** A Debian-style layout: /usr/bin/pg_dump is a link to postgresql-common's Perl dispatcher. */
    private Path dispatcherFolder() throws IOException {
        Path common = Files.createDirectories(dir.resolve("share/postgresql-common"));
        Path wrapper = executable(common.resolve("pg_wrapper"), "pg_dump (PostgreSQL) 15.18");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("pg_dump"), wrapper);
        return bin;
    }

    private static Path executable(Path file, String versionLine) throws IOException {
        Files.writeString(file, "#!/bin/sh\necho '" + versionLine + "'\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    @Test
    void debianDispatcherIsSkippedWhenTheRealBinariesAreFound() throws IOException {
        Path wrapperBin = dispatcherFolder();
        Path real = Files.createDirectories(dir.resolve("lib/postgresql/15/bin"));
        executable(real.resolve("pg_dump"), "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)");

        List<ToolInstallation> found = PgToolLocator.in(List.of(wrapperBin, real)).findAll(PgTool.PG_DUMP);

        assertEquals(List.of(real.resolve("pg_dump")), found.stream().map(ToolInstallation::path).toList());
    }

    @Test
    void debianDispatcherIsUsedWhenItIsAllThereIs() throws IOException {
        Path wrapperBin = dispatcherFolder();

        List<ToolInstallation> found = PgToolLocator.in(List.of(wrapperBin)).findAll(PgTool.PG_DUMP);

        assertEquals(List.of(wrapperBin.resolve("pg_dump")), found.stream().map(ToolInstallation::path).toList());
        assertEquals(1500, found.get(0).majorKey());
    }

    @Test
    void missingToolsSayWhatToDoWithoutNamingAFlagAndCarryTheRemedy() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        LifeboatException e = assertThrows(LifeboatException.class,
                () -> PgToolLocator.in(List.of(empty)).require(PgTool.PG_DUMP, 0));

        assertEquals(ErrorCode.TOOL_MISSING, e.code());
        assertEquals(Remedy.CHOOSE_TOOLS_FOLDER, e.remedy());
        assertFalse(e.getMessage().contains("--"), "core names no CLI flag: " + e.getMessage());
    }
}
