package dev.lifeboat.core.archive;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** pg_restore --list lines as the table of contents reads them: the longest known kind wins. */
class ArchiveInspectorParseTest {
    @Test
    void eachLineGivesItsKindSchemaNameAndOwner() {
        ArchiveToc toc = ArchiveInspector.parse(List.of(
                ";",
                "; Archive created at 2026-12-03 13:06:06 UTC",
                ";     dbname: shop",
                "; TOC Entries: 7",
                "218; 1259 16390 TABLE public accounts postgres",
                "3345; 0 16390 TABLE DATA public accounts postgres",
                "3190; 2606 16398 FK CONSTRAINT public orders orders_account_fkey app_owner",
                "12; 3079 16385 EXTENSION - pgcrypto ",
                "3400; 0 0 DATABASE PROPERTIES - shop postgres",
                "99; 1 2 NEWKIND public thing postgres",
                "100; 1 2 LONELY"));
        assertEquals("shop", toc.database());
        assertEquals("2026-12-03 13:06:06 UTC", toc.header().get("Archive created at"));
        List<String> got = toc.entries().stream()
                .map(e -> e.dumpId() + "|" + e.kind() + "|" + e.schema() + "|" + e.name() + "|" + e.owner()).toList();
        assertEquals(List.of(
                "218|TABLE|public|accounts|postgres",
                "3345|TABLE DATA|public|accounts|postgres",
                "3190|FK CONSTRAINT|public|orders orders_account_fkey|app_owner",
                "12|EXTENSION|-|pgcrypto|",
                "3400|DATABASE PROPERTIES|-|shop|postgres",
                "99|NEWKIND|public|thing|postgres",
                "100|LONELY|-||"), got);
    }
}
