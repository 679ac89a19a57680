package dev.lifeboat.core.archive;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** psql's output of a counted restore: the tags, then after the COMMIT the restored tables, a JSON array each. */
class PsqlTagsTest {
    private static PsqlTags read(String output) {
        PsqlTags t = new PsqlTags();
        t.read(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8)));
        return t;
    }

    /** A name as the query writes it: the hex of its UTF-8 bytes. */
    private static String hex(String name) {
        StringBuilder b = new StringBuilder();
        for (byte x : name.getBytes(StandardCharsets.UTF_8)) {
            b.append(String.format("%02x", x));
        }
        return "\"" + b + "\"";
    }

    @Test
    void tablesListedAfterTheCommitAreReadAndTheCommitStaysTheLastTag() {
        PsqlTags t = read("SET\nCOPY 5\nCOMMIT\n" + PsqlTags.TABLE_LINE + "[" + hex("public") + "," + hex("p") + ",\"p\",null,null]\n"
                + PsqlTags.TABLE_LINE + "[" + hex("we|ird") + "," + hex("line\nbreak") + ",\"r\"," + hex("public") + "," + hex("Größe") + "]\n");
        assertEquals(List.of(5L), t.counts);
        assertEquals("COMMIT", t.lastTag);
        List<String[]> tables = t.tables();
        assertEquals(2, tables.size());
        assertArrayEquals(new String[]{"public", "p", "p", null, null}, tables.get(0));
        assertArrayEquals(new String[]{"we|ird", "line\nbreak", "r", "public", "Größe"}, tables.get(1));
    }

    @Test
    void aNameThatIsNoHexIsNoList() {
        assertNull(read("COMMIT\n" + PsqlTags.TABLE_LINE + "[\"public\",\"zz\",\"r\",null,null]\n").tables());
        assertNull(read("COMMIT\n" + PsqlTags.TABLE_LINE + "[" + hex("public") + ",\"abc\",\"r\",null,null]\n").tables());
    }

    @Test
    void noTablesAfterTheCommitIsAnEmptyList() {
        assertEquals(List.of(), read("COPY 1\nCOMMIT\n").tables());
    }

    @Test
    void aTableLineBeforeTheCommitIsTheScriptsOutputNotAList() {
        PsqlTags t = read("COPY 1\n" + PsqlTags.TABLE_LINE + "[\"public\",\"x\",\"p\",null,null]\n");
        assertEquals(PsqlTags.TABLE_LINE + "[\"public\",\"x\",\"p\",null,null]", t.lastTag);
        assertNull(t.tables(), "no COMMIT: nothing to list");
        PsqlTags after = read("COPY 1\n" + PsqlTags.TABLE_LINE + "[\"public\",\"x\",\"p\",null,null]\nCOMMIT\n");
        assertEquals(List.of(), after.tables());
    }

    @Test
    void aListThatCannotBeReadIsNoList() {
        assertNull(read("COMMIT\n" + PsqlTags.TABLE_LINE + "[\"public\",\"x\"]\n").tables());
        assertNull(read("COMMIT\n" + PsqlTags.TABLE_LINE + "not json\n").tables());
        assertNull(read("COMMIT\n" + PsqlTags.TABLE_LINE + "[\"" + "x".repeat(5000) + "\"]\n").tables());
        assertEquals("COMMIT", read("COMMIT\n" + PsqlTags.TABLE_LINE + "[\"" + "x".repeat(5000) + "\"]\n").lastTag);
    }

    @Test
    void aRowReadsJsonEscapesAsJsonDoes() {
        assertArrayEquals(new String[]{"a\"b\\c/", "\t\u00e9\n", "r", null, "\u20ac"},
                PsqlTags.row("[\"a\\\"b\\\\c\\/\", \"\\t\\u00e9\\n\", \"r\", null, \"\\u20AC\"]", 0));
        assertNull(PsqlTags.row("[\"a\", \"b\", \"c\", null]", 0));
        assertNull(PsqlTags.row("[\"a\", \"b\", \"c\", null, null, null]", 0));
        assertNull(PsqlTags.row("[\"a\", \"b\", \"c\", null, \"\\x\"]", 0));
        assertNull(PsqlTags.row("[\"a\", \"b\", \"c\", null, \"\\u12\"]", 0));
        assertNull(PsqlTags.row("[\"a\", \"b\", \"c\", null, \"open]", 0));
        assertNull(PsqlTags.row("[\"a\", \"b\", \"c\", null, 1]", 0));
        assertNull(PsqlTags.row("[\"a\", \"b\", \"c\", null, null] x", 0));
    }
}
