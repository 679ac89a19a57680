package dev.lifeboat.core.manifest;

import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IsoDatesTest {
    @Test
    void theFastPathReadsWhatTheGeneralParserReads() {
        for (String s : List.of("2026-12-02T18:25Z", "2026-12-02T18:25:35Z", "2026-12-02T18:25:35.1Z",
                "2026-12-02T18:25:35.123456789Z", "2024-02-29T23:59:59.5+05:30", "2024-01-05T12:00:00-08:00",
                "2026-12-02T18:25:35.123+01:00")) {
            assertEquals(OffsetDateTime.parse(s), IsoDates.parse(s), s);
        }
    }

    @Test
    void anythingElseIsLeftToTheGeneralParser() {
        for (String s : List.of("2024-01-05T12:00:00.123456", "2023-02-29T10:00:00Z", "2026-12-02 18:25:35Z",
                "2026-12-02T18:25:35.1234567891Z", "2026-12-02T18:25:35+0100", "2026-12-02T18:25:35.Z", "garbage")) {
            assertNull(IsoDates.parse(s), s);
        }
    }
}
