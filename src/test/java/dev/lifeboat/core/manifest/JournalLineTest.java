package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifeboat.core.util.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A journal line written out without Jackson's serializer is the line Jackson writes (decision 007's seventh round). */
class JournalLineTest {
    private static String jackson(List<JournalChange> changes) throws Exception {
        return new String(Json.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(changes),
                StandardCharsets.UTF_8);
    }

    @Test
    void removeAndPendingLinesAreTheBytesJacksonWrites() throws Exception {
        List<JournalChange> changes = List.of(
                JournalChange.remove("db_\"quoted\"\\back/slash_ü_\u0001_\u2028", List.of("a.dump", "roles \"x\".sql")),
                JournalChange.pending(List.of("p1"), List.of("d1", "d\n2\t")),
                JournalChange.pending(null, List.of("done")),
                JournalChange.remove("plain", null));
        assertEquals(jackson(changes), new String(CatalogJournalWriting.lineJson(changes), StandardCharsets.UTF_8));
        for (JournalChange c : changes) {
            assertEquals(jackson(List.of(c)), new String(CatalogJournalWriting.lineJson(List.of(c)), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aLineWithAWholeEntryIsJacksons() throws Exception {
        List<JournalChange> changes = List.of(JournalChange.put(CatalogFixtures.realistic(7)),
                JournalChange.remove("x", List.of("x.dump")));
        assertEquals(jackson(changes), new String(CatalogJournalWriting.lineJson(changes), StandardCharsets.UTF_8));
    }

    @Test
    void everyLineReadsAsJacksonBindsItWithOrWithoutItsOwnReader(@TempDir Path dir) throws Exception {
        String put = jackson(List.of(JournalChange.put(CatalogFixtures.realistic(7)), JournalChange.remove("x", List.of("x.dump"))));
        List<String> simple = List.of(put,
                jackson(List.of(JournalChange.remove("db_\"q\"\\b/ü_\u2028", List.of("a.dump", "r \"x\".sql")))),
                jackson(List.of(JournalChange.pending(List.of("p1"), List.of("d1")), JournalChange.pending(null, List.of("d")))),
                "[{\"op\":\"remove\",\"id\":\"a\",\"later_field\":{\"x\":[1,{\"y\":2}]},\"pending\":[\"f\",null]}]",
                "[{\"op\":\"put\",\"entry\":null},{\"op\":null,\"id\":null,\"pending\":null,\"done\":[]},{}]",
                "[]");
        // Left to Jackson's reader: its coercions and its choice among fields given twice.
        List<String> others = List.of("[{\"op\":\"remove\",\"id\":42}]", "[{\"op\":\"remove\",\"id\":\"a\",\"id\":\"b\"}]",
                "[{\"op\":\"pending\",\"done\":[1,true]}]");
        List<String> all = new ArrayList<>(simple);
        all.addAll(others);
        Path file = dir.resolve(CatalogJournal.FILE_NAME);
        Files.writeString(file, String.join("\n", all) + "\n");
        List<List<JournalChange>> read = CatalogJournal.read(file, 0).lines();
        for (int i = 0; i < all.size(); i++) {
            List<JournalChange> bound = Json.MAPPER.readValue(all.get(i), new TypeReference<List<JournalChange>>() { });
            assertEquals(bound, read.get(i), all.get(i));
            byte[] line = all.get(i).getBytes(StandardCharsets.UTF_8);
            if (i < simple.size()) {
                assertNotNull(JournalLineReading.simple(line, 0, line.length), all.get(i));
            } else {
                assertNull(JournalLineReading.simple(line, 0, line.length), all.get(i));
            }
        }
    }
}
