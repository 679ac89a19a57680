package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifeboat.core.util.Json;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The index's header line read without Jackson's map binding gives the map Jackson gives; any other is Jackson's. */
class CatalogIndexHeaderTest {
    private static Map<String, Object> jackson(String json) throws Exception {
        return Json.MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
    }

    @Test
    void everyHeaderReadsAsJacksonBindsIt() throws Exception {
        Map<String, Object> written = new LinkedHashMap<>();
        written.put("format_version", 1);
        written.put("current", "db_20260101_000000_1");
        written.put("pending_deletes", List.of("a.dump", "roles \"x\".sql"));
        written.put("tool", "lifeboat ü\u2028");
        written.put("large", 12_345_678_901L);
        String saved = Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(written);
        List<String> simple = List.of(saved, "{}", "{\"current\":null,\"pending_deletes\":[],\"on\":true,\"off\":false}",
                "{\"mixed\":[\"a\",null,1,true,-2147483649]}");
        // Left to Jackson: fractions, nested objects and arrays, numbers beyond a long, a name given twice.
        List<String> others = List.of("{\"x\":1.5}", "{\"x\":{\"y\":1}}", "{\"x\":[[1]]}", "{\"x\":123456789012345678901234}",
                "{\"x\":1,\"x\":2}", "{\"x\":[{\"y\":1}]}");
        for (String json : simple) {
            assertNotNull(CatalogIndexHeader.simple(json), json);
            assertEquals(jackson(json), CatalogIndexHeader.parse(json), json);
            assertEquals(jackson(json).toString(), CatalogIndexHeader.parse(json).toString(), "same value types: " + json);
        }
        for (String json : others) {
            assertNull(CatalogIndexHeader.simple(json), json);
            assertEquals(jackson(json), CatalogIndexHeader.parse(json), json);
        }
        for (String json : List.of("", "[]", "{\"x\":", "{\"x\":1} {")) {
            assertNull(CatalogIndexHeader.simple(json), json);
        }
        assertThrows(Exception.class, () -> CatalogIndexHeader.parse("{\"x\":"));
    }
}
