package dev.lifeboat.core.manifest;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A process does not parse a journal line twice when its bytes are those it checked before (a prune reads
 * the journal several times), but a line whose bytes changed since is checked again: damage is still
 * reported by the next read, in the same process.
 */
class CatalogJournalRecheckTest {
    @TempDir
    Path folder;

    @Test
    void aJournalLineDamagedInPlaceAfterAReadIsReportedByTheNextRead() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, 1_500);
        store.add(ManifestStoreTest.entry("a"));
        store.add(ManifestStoreTest.entry("b"));
        assertTrue(Files.size(store.journalFile()) > 0, "the changes are in the journal");
        assertEquals(1_502, store.summaries().size()); // every line read and checked

        byte[] journal = Files.readAllBytes(store.journalFile());
        assertEquals('[', journal[0]);
        journal[0] = 'x'; // the first line no longer JSON, the file's size unchanged
        Files.write(store.journalFile(), journal);
        LifeboatException e = assertThrows(LifeboatException.class, () -> new ManifestStore(folder).summaries());
        assertEquals(ErrorCode.MANIFEST_DAMAGED, e.code());
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
        assertThrows(LifeboatException.class, () -> new ManifestStore(folder).retentionFacts(), "and by every read");
    }

    @Test
    void aNewlineWrittenIntoALaterLineAfterAReadIsFoundAndTheLineReported() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, 1_500);
        store.add(ManifestStoreTest.entry("a"));
        store.add(ManifestStoreTest.entry("b"));
        assertEquals(1_502, store.summaries().size()); // every line read and checked, where each ends noted

        byte[] journal = Files.readAllBytes(store.journalFile());
        int second = 0;
        while (journal[second] != '\n') {
            second++;
        }
        journal[second + 20] = '\n'; // the first line unchanged, the second cut in two: neither half is JSON
        Files.write(store.journalFile(), journal);
        LifeboatException e = assertThrows(LifeboatException.class, () -> new ManifestStore(folder).summaries());
        assertEquals(ErrorCode.MANIFEST_DAMAGED, e.code());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
