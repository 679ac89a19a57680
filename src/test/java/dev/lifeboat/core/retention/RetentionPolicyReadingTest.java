package dev.lifeboat.core.retention;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** retention.json read without Jackson's record binding reads as Jackson reads it; any other file is Jackson's. */
class RetentionPolicyReadingTest {
    @TempDir
    Path folder;

    private RetentionPolicies load(String json) throws Exception {
        Files.writeString(folder.resolve(RetentionPolicies.FILE_NAME), json);
        return RetentionPolicies.load(folder);
    }

    @Test
    void everyFileReadsAsJacksonBindsIt() throws Exception {
        RetentionPolicy typical = new RetentionPolicy(24, 14, 8, 24, 5, "2d");
        String saved = new String(Json.MAPPER.writeValueAsBytes(new RetentionPolicies(typical,
                Map.of("ledger", new RetentionPolicy(3, null, null, null, null, null)))), StandardCharsets.UTF_8);
        List<String> simple = List.of(saved,
                "{\"default_policy\":{\"keep_last\":24,\"keep_daily\":14,\"keep_weekly\":8,\"keep_monthly\":24,"
                        + "\"keep_yearly\":5,\"keep_within\":\"2d\"}}",
                "{}", "{\"default_policy\":null,\"databases\":null}", "{\"databases\":{}}",
                "{\"default_policy\":{\"keep_last\":null,\"keep_within\":null,\"later\":[1,{\"x\":2}]},\"note\":\"x\"}",
                "{\"databases\":{\"a\":{\"keep_daily\":7},\"b\":{}}}");
        // Left to Jackson: its coercions, its choice among fields given twice, a null policy, numbers too large.
        List<String> others = List.of("{\"default_policy\":{\"keep_last\":\"24\"}}",
                "{\"default_policy\":{\"keep_last\":1,\"keep_last\":2}}", "{\"default_policy\":{\"keep_last\":2.0}}",
                "{\"default_policy\":{\"keep_within\":7}}", "{\"databases\":{\"a\":{\"keep_last\":1}},\"databases\":{}}",
                "{\"default_policy\":{\"keep_last\":1}} {\"x\":1}");
        for (String json : simple) {
            assertEquals(Json.MAPPER.readValue(json, RetentionPolicies.class), load(json), json);
            assertNotNull(RetentionPolicyReading.simple(json.getBytes(StandardCharsets.UTF_8)), json);
        }
        for (String json : others) {
            assertEquals(Json.MAPPER.readValue(json, RetentionPolicies.class), load(json), json);
            assertNull(RetentionPolicyReading.simple(json.getBytes(StandardCharsets.UTF_8)), json);
        }
    }

    @Test
    void aFileJacksonRefusesIsStillRefused() throws Exception {
        for (String json : List.of("", "[]", "{\"default_policy\":", "{\"default_policy\":{\"keep_last\":[1]}}",
                "{\"databases\":{\"a\":null}}")) {
            assertNull(RetentionPolicyReading.simple(json.getBytes(StandardCharsets.UTF_8)), json);
            assertThrows(Exception.class, () -> Json.MAPPER.readValue(json, RetentionPolicies.class), json);
            assertThrows(LifeboatException.class, () -> load(json), json);
        }
    }
}
