package dev.lifeboat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The log holds database, user and host names: folder 0700, files 0600, after a roll too (issue 12, item 7). */
class LogPermissionsTest {
    @TempDir
    Path home;

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void logFolderIsOwnerOnlyAndEveryLogFileToo() throws Exception {
        assumeTrue(Files.getFileStore(home).supportsFileAttributeView("posix"));
        Path folder = home.resolve("logs");
        Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.writeString(folder.resolve("lifeboat.log"), "old line\n");
        Files.setPosixFilePermissions(folder.resolve("lifeboat.log"), PosixFilePermissions.fromString("rw-r--r--"));

        assertTrue(LogSetup.writableFolder(folder));
        assertEquals("rwx------", perms(folder));
        assertEquals("rw-------", perms(folder.resolve("lifeboat.log")));

        LoggerContext context = new LoggerContext();
        RollingFileAppender<ILoggingEvent> appender = LogSetup.file(context, folder);
        context.getLogger("test").addAppender(appender);
        context.getLogger("test").info("a line naming database ledger on db1");
        appender.rollover();
        context.getLogger("test").info("after the roll");
        context.stop();
        assertEquals("rw-------", perms(folder.resolve("lifeboat.log")));
        assertEquals("rw-------", perms(folder.resolve("lifeboat.1.log")));
    }

    @Test
    void aFreshLogFolderIsOwnerOnly() throws Exception {
        assumeTrue(Files.getFileStore(home).supportsFileAttributeView("posix"));
        Path folder = home.resolve("fresh/logs");
        assertTrue(LogSetup.writableFolder(folder));
        assertEquals("rwx------", perms(folder));
        assertEquals("rw-------", perms(folder.resolve("lifeboat.log")));
    }
}
