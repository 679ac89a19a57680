package dev.lifeboat.core.pg;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lifeboat.core.CancelToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tool run with --verbose for progress logs its progress lines at DEBUG (thousands of them on an
 * archive of many tables), its warnings and errors and what follows them at their own levels.
 */
class ProcessRunnerProgressLinesTest {
    @TempDir
    Path folder;

    @Test
    void progressLinesGoToDebugWarningsAndContextStay() throws IOException {
        ToolInstallation pgDump = fakePgDump();
        List<ILoggingEvent> events = capture(() -> ProcessRunner.run(
                new ProcessRunner.Invocation(pgDump, List.of()).progressLinesAtDebug(), CancelToken.none()));

        assertEquals(Level.DEBUG, levelOf(events, "pg_dump: dumping contents of table \"public.t1\""));
        assertEquals(Level.DEBUG, levelOf(events, "pg_dump: reading extensions"));
        assertEquals(Level.WARN, levelOf(events, "pg_dump: warning: something to see"));
        assertEquals(Level.ERROR, levelOf(events, "pg_dump: error: query failed: ERROR:  boom"));
        assertEquals(Level.INFO, levelOf(events, "Command was: SELECT 1"));
        assertTrue(events.stream().anyMatch(e -> e.getLevel() == Level.INFO
                        && e.getFormattedMessage().contains("its 2 progress lines are logged at DEBUG level")),
                "the run says how many lines it kept at DEBUG");
    }

    @Test
    void withoutTheOptionEveryOtherLineIsInfo() throws IOException {
        ToolInstallation pgDump = fakePgDump();
        ProcessRunner.Result[] result = new ProcessRunner.Result[1];
        List<ILoggingEvent> events = capture(() -> result[0] = ProcessRunner.run(
                new ProcessRunner.Invocation(pgDump, List.of()), CancelToken.none()));

        assertEquals(Level.INFO, levelOf(events, "pg_dump: dumping contents of table \"public.t1\""));
        assertEquals(5, result[0].stderrTail().size(), "the tail for messages keeps every line");
    }

    private Level levelOf(List<ILoggingEvent> events, String line) {
        return events.stream().filter(e -> e.getFormattedMessage().equals(line)).map(ILoggingEvent::getLevel)
                .findFirst().orElseThrow(() -> new AssertionError("not logged: " + line));
    }

    /** A script named pg_dump that writes what the real one writes to stderr. */
    private ToolInstallation fakePgDump() throws IOException {
        Path script = folder.resolve("pg_dump");
        Files.writeString(script, """
                #!/bin/sh
                echo 'pg_dump: reading extensions' >&2
                echo 'pg_dump: dumping contents of table "public.t1"' >&2
                echo 'pg_dump: warning: something to see' >&2
                echo 'pg_dump: error: query failed: ERROR:  boom' >&2
                echo 'Command was: SELECT 1' >&2
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new ToolInstallation(PgTool.PG_DUMP, script, 150000, "15");
    }

    private static List<ILoggingEvent> capture(Runnable run) {
        Logger pg = (Logger) LoggerFactory.getLogger("pg");
        Logger runner = (Logger) LoggerFactory.getLogger(ProcessRunner.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level pgLevel = pg.getLevel();
        Level runnerLevel = runner.getLevel();
        pg.setLevel(Level.DEBUG);
        runner.setLevel(Level.INFO);
        pg.addAppender(events);
        runner.addAppender(events);
        try {
            run.run();
        } finally {
            pg.detachAppender(events);
            runner.detachAppender(events);
            pg.setLevel(pgLevel);
            runner.setLevel(runnerLevel);
        }
        return events.list;
    }
}
