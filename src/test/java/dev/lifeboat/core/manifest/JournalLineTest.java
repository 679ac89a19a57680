package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.lifeboat.core.util.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
