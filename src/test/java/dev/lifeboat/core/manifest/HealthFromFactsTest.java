package dev.lifeboat.core.manifest;

import dev.lifeboat.core.health.HealthCheck;
import dev.lifeboat.core.health.HealthReport;
import dev.lifeboat.core.health.HealthService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A health check decides from the retention facts alone (decision 007's sixth round): over a large
 * catalog it reads no summary line and no whole entry, and it says the same with the changes in the
 * journal as after they are compacted into the snapshot.
 */
class HealthFromFactsTest {
    private static final int LARGE = 1_500;
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2023-03-05T12:00:00Z");

    @TempDir
    Path folder;

    /** The checks, but free space (it changes between two runs on a shared disk). */
    private List<HealthCheck> check() {
        HealthReport r = new HealthService(new ManifestStore(folder), db -> null).check(NOW);
        return r.checks().stream().filter(c -> !c.name().equals("Free space")).toList();
    }

    @Test
    void aHealthCheckReadsTheFactsNotTheIndexLines() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        List<HealthCheck> before = check();
        Path index = folder.resolve(CatalogIndex.FILE_NAME);
        BasicFileAttributes a = Files.readAttributes(index, BasicFileAttributes.class);
        byte[] bytes = Files.readAllBytes(index);
        // Every summary line made unreadable in place (no tab left between its fields), the index's first two
        // lines and id table untouched, and its size, time and file kept: it still looks current.
        int lines = indexOf(bytes, indexOf(bytes, 0) + 1) + 1;
        int table = bytes.length - LARGE * CatalogIdTable.RECORD;
        int tabs = 0;
        for (int i = lines; i < table; i++) {
            if (bytes[i] == '\t') {
                bytes[i] = ' ';
                tabs++;
            }
        }
        assertTrue(tabs > LARGE * 20, "the lines' fields were found: " + tabs);
        Files.write(index, bytes);
        Files.setLastModifiedTime(index, a.lastModifiedTime());
        assertEquals(a.fileKey(), Files.readAttributes(index, BasicFileAttributes.class).fileKey());

        assertEquals(before, check(), "the same checks, from the facts");
        assertArrayEquals(bytes, Files.readAllBytes(index), "the index's lines were not read (else it was rebuilt)");
        store.summaries();
        assertFalse(Arrays.equals(bytes, Files.readAllBytes(index)), "a summary read finds them and rebuilds the index");
    }

    @Test
    void aHealthCheckSaysTheSameWithChangesInTheJournalAsAfterACompaction() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        String failed = CatalogFixtures.realistic(LARGE - 3).id();
        store.replace(failed, e -> e.withVerification(new VerificationRecord("2023-03-05T00:00:00Z", "full",
                CheckStatus.FAIL, 1.0, null, List.of(), null)));
        store.replace(CatalogFixtures.realistic(LARGE - 6).id(), e -> e.withVerification(new VerificationRecord(
                "2023-03-05T06:00:00Z", "quick", CheckStatus.PASS, 1.0, null, List.of(), null)));
        store.add(CatalogFixtures.realistic(LARGE));
        Files.writeString(folder.resolve(CatalogFixtures.realistic(LARGE - 1).file()), "x");
        List<HealthCheck> inJournal = check();
        assertTrue(inJournal.stream().anyMatch(c -> c.name().equals("Failed verifications")
                && c.detail().contains(failed)), "the failed verification is seen");
        assertTrue(inJournal.stream().anyMatch(c -> c.name().equals("Last successful verification")
                && c.detail().equals("6 h ago")), "the newest passed verification is seen");
        assertTrue(Files.size(store.journalFile()) > 0, "the changes are in the journal");

        store.compact();
        assertEquals(inJournal, check());
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
