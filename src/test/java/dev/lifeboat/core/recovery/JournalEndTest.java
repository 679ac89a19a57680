package dev.lifeboat.core.recovery;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** An operation's end empties the journal only of what has ended; the lines of one still running stay. */
class JournalEndTest {
    @TempDir
    Path folder;

    @Test
    void theOnlyOperationEndingEmptiesTheJournal() throws Exception {
        Journal journal = new Journal(folder);
        Journal.Intent backup = journal.begin("backup").files(folder.resolve("a.dump.partial"), folder.resolve("a.globals.sql.partial"));
        assertEquals(3, Files.readAllLines(journal.file()).size());
        backup.end();
        assertEquals(0, Files.size(journal.file()));
        assertEquals(0, journal.operations().size());
    }

    @Test
    void anOperationEndingBesideARunningOneKeepsOnlyTheRunningOnesLines() throws Exception {
        Journal journal = new Journal(folder);
        Journal.Intent first = journal.begin("backup").file(folder.resolve("a.dump.partial"));
        Journal.Intent second = new Journal(folder).begin("restore").file(folder.resolve("b.dump.partial"));
        first.end();
        assertEquals(List.of(second.op()), List.copyOf(journal.operations().keySet()));
        assertEquals(2, journal.operations().get(second.op()).size(), "its begin and its file");
        second.end(); // the journal now holds its lines as rewritten by the first one's end
        assertEquals(0, Files.size(journal.file()));
    }

    @Test
    void linesAnotherProcessAppendedAreKeptWhenThisOneEnds() throws Exception {
        Journal journal = new Journal(folder);
        Journal.Intent backup = journal.begin("backup").file(folder.resolve("a.dump.partial"));
        // another process's operation, still running: its line as it would write it
        String other = "{\"op\":\"backup_0000abcd\",\"event\":\"begin\",\"kind\":\"backup\",\"pid\":1}\n";
        Files.writeString(journal.file(), other, java.nio.file.StandardOpenOption.APPEND);
        backup.end();
        assertEquals(List.of("backup_0000abcd"), List.copyOf(journal.operations().keySet()));
    }
}
