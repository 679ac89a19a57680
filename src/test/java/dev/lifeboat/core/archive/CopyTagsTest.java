package dev.lifeboat.core.archive;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** psql's command tags as CountedRestore reads them: only an exact {@code COPY n} line is a count. */
class CopyTagsTest {
    private static final String OUTPUT = "SET\n\nCREATE TABLE\nCOPY 50\nCOPY 0\r\nCOPY 5x\nCOPY  7\nCOPY\nXCOPY 3\n"
            + "COPY 9223372036854775807\nCOPY 9223372036854775808\n" + "COPY 1".repeat(100) + "\n"
            + "ALTER TABLE\nCOPY 123456789012\nCOMMIT\n";

    @Test
    void onlyExactCopyLinesCountAndTheLastLineIsKept() {
        List<Long> tags = new ArrayList<>();
        String[] last = {null};
        CountedRestore.readTags(new ByteArrayInputStream(OUTPUT.getBytes(StandardCharsets.UTF_8)), tags, last);
        assertEquals(List.of(50L, 0L, Long.MAX_VALUE, 123456789012L), tags);
        assertEquals("COMMIT", last[0]);
    }

    @Test
    void tagsSplitAcrossReadsOfOneByteEachAreReadTheSame() {
        List<Long> tags = new ArrayList<>();
        String[] last = {null};
        CountedRestore.readTags(oneByteAtATime(OUTPUT + "COPY 17"), tags, last);
        assertEquals(List.of(50L, 0L, Long.MAX_VALUE, 123456789012L, 17L), tags);
        assertEquals("COPY 17", last[0]);
    }

    @Test
    void anOutputCutOffByAKilledPsqlLeavesNoLastLine() {
        List<Long> tags = new ArrayList<>();
        String[] last = {null};
        InputStream broken = new FilterInputStream(new ByteArrayInputStream("COPY 3\nCOMMIT\n".getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw new IOException("Stream closed"); // psql killed: its pipe closed under the read
                }
                return n;
            }
        };
        CountedRestore.readTags(broken, tags, last);
        assertNull(last[0]);
    }

    private static InputStream oneByteAtATime(String s) {
        return new FilterInputStream(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }
}
