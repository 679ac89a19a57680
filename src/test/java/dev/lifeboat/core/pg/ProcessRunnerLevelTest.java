package dev.lifeboat.core.pg;

import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** pg_restore's and pg_dump's stderr lines reach the log at the level they mean, not all as info. */
class ProcessRunnerLevelTest {
    @Test
    void errorLinesOfTheToolsAndTheServerAreErrors() {
        assertEquals(Level.ERROR, ProcessRunner.levelOf("pg_restore: error: could not execute query: ERROR:  relation \"x\" already exists"));
        assertEquals(Level.ERROR, ProcessRunner.levelOf("pg_dump: error: connection to server failed: FATAL:  password authentication failed"));
        assertEquals(Level.ERROR, ProcessRunner.levelOf("pg_restore: error: could not read from input file: end of file"));
    }

    @Test
    void warningsAreWarningsAndProgressStaysInfo() {
        assertEquals(Level.WARN, ProcessRunner.levelOf("pg_restore: warning: errors ignored on restore: 2"));
        assertEquals(Level.WARN, ProcessRunner.levelOf("pg_dump: warning: there are circular foreign-key constraints on this table:"));
        assertEquals(Level.INFO, ProcessRunner.levelOf("pg_dump: dumping contents of table \"public.orders\""));
        assertEquals(Level.INFO, ProcessRunner.levelOf("pg_restore: creating TABLE \"public.error_log\""));
    }
}
