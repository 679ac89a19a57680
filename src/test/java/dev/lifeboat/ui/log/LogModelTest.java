package dev.lifeboat.ui.log;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The log pane's model without a window: capped, filtered by operation, copied as text. */
class LogModelTest {
    private static LogBus.Line line(long seq, String op, String message) {
        return new LogBus.Line(seq, 0, "INFO", "test", op, message);
    }

    @Test
    void keepsTheNewestLinesUpToItsCapacity() {
        LogModel m = new LogModel(3);
        m.add(List.of(line(1, null, "a"), line(2, null, "b")));
        m.add(List.of(line(3, null, "c"), line(4, null, "d")));
        assertEquals(List.of("b", "c", "d"), m.lines().stream().map(LogBus.Line::message).toList());
        assertFalse(m.add(List.of()), "an empty batch changes nothing");
    }

    @Test
    void oneOperationsLinesAloneThenAllAgain() {
        LogModel m = new LogModel(100);
        m.add(List.of(line(1, "backup-1", "dumping"), line(2, null, "app started"), line(3, "verify-2", "checking"),
                line(4, "backup-1", "done")));
        assertEquals(List.of("backup-1", "verify-2"), List.copyOf(m.operations()));
        m.showOperation("backup-1");
        assertEquals(List.of("dumping", "done"), m.shown().stream().map(LogBus.Line::message).toList());
        assertTrue(m.text().contains("INFO test: dumping") && !m.text().contains("checking"), m.text());
        m.showOperation(null);
        assertEquals(4, m.shown().size());
        m.showOperation("restore-3");
        assertTrue(m.operations().contains("restore-3"), "an operation that has not logged yet can be chosen");
        assertEquals(0, m.shown().size());
    }
}
