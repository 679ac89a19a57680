package dev.lifeboat.core.manifest;

import dev.lifeboat.core.retention.RetentionPlanner;
import dev.lifeboat.core.retention.RetentionPolicies;
import dev.lifeboat.core.retention.RetentionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention read from a few fields of the index decides exactly as retention over the whole entries. */
class RetentionFactsTest {
    private static final int LARGE = 1_500;
    private static final RetentionPolicies POLICIES = new RetentionPolicies(
            new RetentionPolicy(3, 7, 4, 6, 2, "2d"), Map.of("db1", new RetentionPolicy(null, 2, null, null, null, null)));
    private static final OffsetDateTime NOW = OffsetDateTime.parse("2023-03-05T12:00:00Z");

    @TempDir
    Path folder;

    private void assertSameAsWholeEntries(ManifestStore store) {
        List<RetentionFacts> whole = store.load().newestFirst().stream().map(RetentionFacts::of).toList();
        ManifestStore fresh = new ManifestStore(folder);
        List<RetentionFacts> fromIndex = fresh.retentionFacts();
        assertEquals(whole.size(), fromIndex.size());
        for (int i = 0; i < whole.size(); i++) {
            assertEquals(whole.get(i), fromIndex.get(i), "the index's fields give what the whole entry gives, at " + i);
        }
        RetentionPlanner planner = new RetentionPlanner(ZoneId.of("Europe/Paris"));
        assertEquals(planner.plan(store.load(), POLICIES, NOW), planner.plan(fresh.retentionFacts(), POLICIES, NOW));
    }

    @Test
    void aLargeFactsFileIsReadAsItIsNotRebuilt() throws Exception {
        // Larger than one run of the facts file's read (256 KB), so a read that stopped after the first run
        // would fail the checksum and rebuild the file on every prune.
        CatalogFixtures.seed(folder, 2 * LARGE + 500);
        List<RetentionFacts> first = new ManifestStore(folder).retentionFacts();
        Path facts = folder.resolve(CatalogFacts.FILE_NAME);
        assertTrue(Files.size(facts) > 256 << 10, "the facts file spans several runs: " + Files.size(facts));
        java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(facts,
                java.nio.file.attribute.BasicFileAttributes.class);
        assertEquals(first, new ManifestStore(folder).retentionFacts());
        java.nio.file.attribute.BasicFileAttributes b = Files.readAttributes(facts,
                java.nio.file.attribute.BasicFileAttributes.class);
        assertEquals(a.fileKey(), b.fileKey(), "read, not written again");
        assertEquals(a.lastModifiedTime(), b.lastModifiedTime());
    }

    @Test
    void factsFromTheIndexMatchTheWholeEntriesWithAndWithoutAJournal() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        String pinned = CatalogFixtures.realistic(1_490).id();
        String failed = CatalogFixtures.realistic(1_497).id();
        String copied = CatalogFixtures.realistic(1_400).id();
        store.replace(pinned, e -> e.withPinned(true));
        store.replace(failed, e -> e.withVerification(new VerificationRecord("2023-03-05T00:00:00Z", "full",
                CheckStatus.FAIL, 1.0, null, List.of(), null)));
        store.replace(copied, e -> e.withCopy("nas", new CopyRecord("nas", "k", 1L, "h", "2023-03-01T00:00Z", null,
                CopyState.DELETING, null)));
        store.add(ManifestStoreTest.entry("zz_new"));
        store.remove(CatalogFixtures.realistic(1_499).id(), List.of());
        assertSameAsWholeEntries(store); // the changes are in the journal

        store.compact();
        assertSameAsWholeEntries(store); // now in the snapshot, read from the index lines
        RetentionFacts p = new ManifestStore(folder).retentionFacts().stream().filter(f -> f.id().equals(pinned))
                .findFirst().orElseThrow();
        assertTrue(p.pinned());
        RetentionFacts f = new ManifestStore(folder).retentionFacts().stream().filter(x -> x.id().equals(failed))
                .findFirst().orElseThrow();
        assertFalse(f.verified(), "its last verification failed");
        assertTrue(f.failed(), "as the health check reads it");
        assertEquals(RetentionFacts.NEVER, f.verifiedAt(), "a failed verification is no successful one");
        assertEquals(CatalogFixtures.realistic(1_497).sizeBytes(), f.sizeBytes());
        RetentionFacts c = new ManifestStore(folder).retentionFacts().stream().filter(x -> x.id().equals(copied))
                .findFirst().orElseThrow();
        assertEquals(CopyState.DELETING, c.copies().get(0).state());
        assertEquals("nas", c.copies().get(0).destination());
    }

    @Test
    void aHandMadeEntryWithoutAnIdAndAnUnreadableDateIsPlannedAsItsWholeEntryIs() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        BackupEntry handMade = new BackupEntry(null, "20230101_000000", "not a date", "db0", null, null, null,
                "by hand\twith a tab", List.of(), null, "hand made.dump", null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, true, List.of(), null);
        store.update(m -> m.withAdded(handMade));
        store.compact();
        assertSameAsWholeEntries(store);
    }

    @Test
    void factsReadTwiceFollowAChangeMadeByAnotherStoreInBetween() throws Exception {
        CatalogFixtures.seed(folder, LARGE);
        ManifestStore mine = new ManifestStore(folder);
        ManifestStore other = new ManifestStore(folder);
        String id = CatalogFixtures.realistic(10).id();
        assertFalse(mine.retentionFacts().stream().anyMatch(RetentionFacts::pinned));
        assertEquals(mine.retentionFacts(), mine.retentionFacts(), "unchanged: the same facts");
        other.replace(id, e -> e.withPinned(true));
        assertTrue(mine.retentionFacts().stream().filter(RetentionFacts::pinned).anyMatch(f -> f.id().equals(id)),
                "the journal grew: read again");
        other.remove(id, List.of());
        assertEquals(LARGE - 1, mine.retentionFacts().size());
        other.compact();
        assertEquals(LARGE - 1, mine.retentionFacts().size());
        other.add(ManifestStoreTest.entry("zz_new"));
        assertEquals("zz_new", mine.retentionFacts().get(0).id());
    }

    @Test
    void aJournalThatMovesReAddsAndTiesEntriesGivesTheFactsAndOrderOfTheWholeCatalog() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        store.compact();
        String moved = CatalogFixtures.realistic(20).id();
        store.replace(moved, e -> CatalogFixtures.realistic(1_495).withId(moved)); // now among the newest
        store.add(CatalogFixtures.realistic(30).withId("tie_with_30")); // the same instant as another entry
        store.remove(CatalogFixtures.realistic(40).id(), List.of());
        store.add(CatalogFixtures.realistic(40)); // removed, then added again: after every other entry
        store.remove("tie_with_30", List.of());
        store.add(CatalogFixtures.realistic(30).withId("tie_with_30"));
        store.replace(CatalogFixtures.realistic(50).id(), e -> e.withPinned(true));
        assertTrue(Files.size(store.journalFile()) > 0, "the changes are in the journal");
        assertSameAsWholeEntries(store);
    }

    @Test
    void aDamagedCutOrStaleFactsFileIsRebuiltNeverTrusted() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        Path facts = folder.resolve(CatalogFacts.FILE_NAME);
        assertTrue(Files.isRegularFile(facts), "written with the index");
        byte[] good = Files.readAllBytes(facts);
        List<RetentionFacts> expected = store.load().newestFirst().stream().map(RetentionFacts::of).toList();
        assertEquals(expected, new ManifestStore(folder).retentionFacts());

        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10; // inside some entry's fields: only the checksum can tell
        Files.write(facts, flipped);
        assertEquals(expected, new ManifestStore(folder).retentionFacts(), "a damaged file is not used");
        assertArrayEquals(good, Files.readAllBytes(facts), "and is rebuilt");

        Files.write(facts, java.util.Arrays.copyOf(good, good.length - 100));
        assertEquals(expected, new ManifestStore(folder).retentionFacts(), "a cut file is not used");
        assertArrayEquals(good, Files.readAllBytes(facts));

        // Facts of an older snapshot (an older Lifeboat compacted, a file put back by hand): stale, never used.
        String pinned = CatalogFixtures.realistic(100).id();
        store.replace(pinned, e -> e.withPinned(true));
        store.compact();
        Files.write(facts, good);
        List<RetentionFacts> now = new ManifestStore(folder).retentionFacts();
        assertTrue(now.stream().anyMatch(f -> f.id().equals(pinned) && f.pinned()), "read from the current index");
        assertEquals(store.load().newestFirst().stream().map(RetentionFacts::of).toList(), now);

        // The index rebuilt over the same snapshot (deleted by hand): the facts name the old index, so are rebuilt.
        byte[] current = Files.readAllBytes(facts);
        Files.delete(folder.resolve(CatalogIndex.FILE_NAME));
        Files.write(facts, flipped);
        assertEquals(now, new ManifestStore(folder).retentionFacts());
        assertTrue(Files.isRegularFile(folder.resolve(CatalogIndex.FILE_NAME)));
        assertEquals(current.length, Files.readAllBytes(facts).length);
    }

    @Test
    void aFolderOfOneBackupWithLongNamesHasItsFactsWrittenAndRead() throws Exception {
        ManifestStore store = new ManifestStore(folder);
        String id = "a_rather_long_backup_name_" + "x".repeat(300);
        store.add(ManifestStoreTest.entry(id));
        assertTrue(Files.isRegularFile(folder.resolve(CatalogFacts.FILE_NAME)), "written with the index");
        assertEquals(List.of(RetentionFacts.of(store.find(id))), new ManifestStore(folder).retentionFacts());
    }

    @Test
    void anOlderLifeboatsFactsFileIsNeitherReadNorWritten() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, 50);
        Path older = folder.resolve(".backup_manifest.facts-2"); // format 2, an older Lifeboat's own file
        byte[] theirs = "an older version's facts".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(older, theirs);
        List<RetentionFacts> expected = store.load().newestFirst().stream().map(RetentionFacts::of).toList();
        assertEquals(expected, new ManifestStore(folder).retentionFacts());
        store.add(ManifestStoreTest.entry("zz_new"));
        store.compact();
        assertEquals(store.load().newestFirst().stream().map(RetentionFacts::of).toList(),
                new ManifestStore(folder).retentionFacts());
        assertArrayEquals(theirs, Files.readAllBytes(older), "left to the version that owns it");
        assertTrue(Files.isRegularFile(folder.resolve(CatalogFacts.FILE_NAME)), "this version's own file");
    }
}
