package dev.lifeboat.core.manifest;

import dev.lifeboat.core.util.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The token reader of a table's stats reads what databind wrote, and what older or edited manifests hold. */
class TableStatReaderTest {
    @Test
    void anEntryOfManyTablesReadsBackAsWritten() throws Exception {
        List<TableStat> tables = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            tables.add(new TableStat(i % 2 == 0 ? "public" : "s\"q", "t" + i, i % 7 == 0 ? null : (long) i * 1_000_000_007L,
                    i % 5 == 0 ? null : 32768L));
        }
        BackupEntry e = ManifestStoreTest.entry("b1").withTables(tables);
        byte[] json = Json.MAPPER.writeValueAsBytes(e);
        BackupEntry back = Json.MAPPER.readValue(json, BackupEntry.class);
        assertEquals(tables, back.tables());
        assertEquals(e, back);
    }

    @Test
    void unknownFieldsNullsAndCountsAsStringsAreRead() throws Exception {
        String json = """
                [ {"extra": {"a": [1, 2, {"b": null}]}, "name": "t", "rows": "42", "schema": "public", "bytes": 1.0E3,
                   "later": [ ] },
                  {"schema": null, "name": "u", "rows": null},
                  { } ]""";
        TableStat[] read = Json.MAPPER.readValue(json, TableStat[].class);
        assertEquals(new TableStat("public", "t", 42L, 1000L), read[0]);
        assertEquals(new TableStat(null, "u", null, null), read[1]);
        assertEquals(new TableStat(null, null, null, null), read[2]);
    }

    @Test
    void anEntryWhoseTablesComeFirstIsRead() throws Exception {
        Map<String, Object> raw = new java.util.LinkedHashMap<>();
        raw.put("tables", List.of(Map.of("schema", "public", "name", "t1", "rows", 5, "bytes", 8192)));
        raw.putAll(Json.MAPPER.convertValue(ManifestStoreTest.entry("b2"), Map.class));
        raw.remove("tables");
        raw.put("tables", List.of(Map.of("schema", "public", "name", "t1", "rows", 5, "bytes", 8192)));
        BackupEntry back = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(raw), BackupEntry.class);
        assertEquals(List.of(new TableStat("public", "t1", 5L, 8192L)), back.tables());
        assertNull(Json.MAPPER.readValue("null", TableStat.class));
    }

    @Test
    void aCountThatIsNoNumberIsAnError() {
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> Json.MAPPER.readValue("{\"rows\": \"many\"}", TableStat.class));
        assertThrows(com.fasterxml.jackson.core.JsonProcessingException.class,
                () -> Json.MAPPER.readValue("{\"rows\": [1]}", TableStat.class));
    }
}
