package dev.lifeboat.core.archive;

import dev.lifeboat.core.manifest.TableStat;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Progress follows the tools' verbose lines, weighted by table size. */
class TableProgressTest {
    @Test
    void startingATableCountsTheOnesBeforeAsDone() {
        List<String> seen = new ArrayList<>();
        TableProgress p = new TableProgress(List.of(new TableStat("public", "a", 1L, 300L),
                new TableStat("public", "b c", 1L, 100L)), (done, total, message) -> seen.add(done + " " + message), 0, 1);

        p.onLine("pg_dump: reading extensions");
        p.onLine("pg_dump: dumping contents of table \"public.a\"");
        p.onLine("pg_restore: processing data for table \"public.b c\"");
        p.onLine("pg_restore: creating TABLE \"public.a\"");
        p.onLine("pg_dump: dumping contents of table \"\"");

        assertEquals(List.of("0.0 Dumping public.a", "0.75 Restoring public.b c"), seen);
    }
}
