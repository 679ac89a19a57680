package dev.lifeboat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class AotTrainingTest {
    @Test
    void theCommandLinesAreSplitAtThen() {
        List<String[]> commands = AotTraining.commands(new String[] {"--folder", "F", "backup", "--db", "U", "--then",
                "--then", "verify", "latest", "--depth", "full", "--then"});
        assertEquals(2, commands.size());
        assertArrayEquals(new String[] {"--folder", "F", "backup", "--db", "U"}, commands.get(0));
        assertArrayEquals(new String[] {"verify", "latest", "--depth", "full"}, commands.get(1));
    }
}
