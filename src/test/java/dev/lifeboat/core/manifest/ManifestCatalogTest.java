package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The catalog past the size where changes go to the journal: crashes, concurrency, damage, reading. */
class ManifestCatalogTest {
    /** Enough realistic entries that the snapshot is larger than the always-compact size. */
    private static final int LARGE = 1_500;

    @TempDir
    Path folder;

    private Path journal() {
        return folder.resolve(CatalogJournal.FILE_NAME);
    }

    @Test
    void changesToALargeCatalogGoToTheJournalAndReadBackWhole() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        byte[] snapshot = Files.readAllBytes(store.manifestFile());
        store.add(ManifestStoreTest.entry("zz_new"));
        store.replace(CatalogFixtures.realistic(7).id(), e -> e.withPinned(true));
        assertArrayEquals(snapshot, Files.readAllBytes(store.manifestFile()), "a change appends; the snapshot stays");
        assertTrue(Files.size(journal()) > 0);

        Manifest m = store.load();
        assertEquals(LARGE + 1, m.backups().size());
        assertTrue(m.byId(CatalogFixtures.realistic(7).id()).orElseThrow().pinnedOrFalse());
        assertEquals(20, store.find(CatalogFixtures.realistic(7).id()).tables().size(), "find gives the whole entry");
        assertEquals("zz_new", store.find("latest").id(), "the newest, from the journal");

        store.compact();
        assertEquals(0, Files.size(journal()));
        Manifest plain = Json.MAPPER.readValue(store.manifestFile().toFile(), Manifest.class);
        assertEquals(m.backups(), plain.backups(), "after a compaction the JSON alone holds everything");
    }

    @Test
    void listJsonAndLastNAgreeWithTheWholeCatalogNewestFirst() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        store.add(ManifestStoreTest.entry("from_journal"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.writeJson(out, null);
        JsonNode streamed = Json.MAPPER.readTree(out.toByteArray());
        List<BackupEntry> expected = store.load().newestFirst();
        assertEquals(expected.size(), streamed.size());
        assertEquals(tree(expected), streamed);

        assertEquals(expected.subList(0, 50), store.newest(50));
        ByteArrayOutputStream last = new ByteArrayOutputStream();
        store.writeJson(last, 50);
        assertEquals(tree(expected.subList(0, 50)), Json.MAPPER.readTree(last.toByteArray()));
        List<EntrySummary> summaries = store.summaries();
        assertEquals(expected.stream().map(BackupEntry::effectiveId).toList(), summaries.stream().map(EntrySummary::id).toList());
        assertEquals(expected.get(3).totalRows(), summaries.get(3).totalRows());
    }

    private static JsonNode tree(Object value) throws Exception {
        return Json.MAPPER.readTree(Json.MAPPER.writeValueAsBytes(value));
    }

    @Test
    void killNineAtRandomMomentsLeavesAReadableCatalogWithEveryCommittedEntry() throws Exception {
        CatalogFixtures.seed(folder, LARGE);
        Random random = new Random(15);
        Set<String> committed = new HashSet<>();
        for (int round = 0; round < 6; round++) {
            Process p = new ProcessBuilder(ManifestWriterMain.command(folder, "k" + round, 100_000, "add"))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Set<String> acknowledged = java.util.concurrent.ConcurrentHashMap.newKeySet();
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String id = lines.readLine(); id != null; id = lines.readLine()) {
                        acknowledged.add(id);
                        started.countDown();
                    }
                } catch (java.io.IOException closedByTheKill) {
                    // what was read before is what counts
                }
            });
            reader.start();
            // Wait for the first commit (the JVM has started), then let it run a random while and kill it.
            assertTrue(started.await(60, TimeUnit.SECONDS), "the writer committed nothing");
            Thread.sleep(50 + random.nextInt(1500));
            Set<String> seenBeforeTheKill = Set.copyOf(acknowledged);
            p.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            reader.join(10_000);
            committed.addAll(seenBeforeTheKill);

            ManifestStore store = new ManifestStore(folder);
            Set<String> ids = new HashSet<>();
            store.load().backups().forEach(e -> ids.add(e.effectiveId()));
            assertTrue(ids.containsAll(committed), "round " + round + ": an acknowledged entry was lost");
            assertEquals(LARGE, ids.stream().filter(id -> id.startsWith("db")).count());
            assertEquals(store.load().backups().size(), store.summaries().size());
        }
        ManifestStore store = new ManifestStore(folder);
        store.add(ManifestStoreTest.entry("after_the_kills"));
        assertEquals("after_the_kills", store.find("after_the_kills").id(), "a torn tail never blocks the next writer");
        assertTrue(committed.size() > 6, "the writers committed " + committed.size() + " entries");
    }

    @Test
    void twoJvmsAddingToALargeCatalogAtOnceLoseNothing() throws Exception {
        CatalogFixtures.seed(folder, LARGE);
        Process a = new ProcessBuilder(ManifestWriterMain.command(folder, "a", 150, "add"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).inheritIO().start();
        Process b = new ProcessBuilder(ManifestWriterMain.command(folder, "b", 150, "add"))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).inheritIO().start();
        assertTrue(a.waitFor(180, TimeUnit.SECONDS) && b.waitFor(180, TimeUnit.SECONDS));
        assertEquals(0, a.exitValue());
        assertEquals(0, b.exitValue());
        ManifestStore store = new ManifestStore(folder);
        Set<String> ids = new HashSet<>();
        store.load().backups().forEach(e -> ids.add(e.effectiveId()));
        assertEquals(LARGE + 300, ids.size());
        for (int i = 0; i < 150; i++) {
            assertTrue(ids.contains("a_" + i) && ids.contains("b_" + i), "entry " + i + " lost");
        }
    }

    @Test
    void aDamagedJournalLineIsReportedAndNeverOverwritten() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        store.add(ManifestStoreTest.entry("one"));
        store.add(ManifestStoreTest.entry("two"));
        store.add(ManifestStoreTest.entry("three"));
        List<String> lines = new ArrayList<>(Files.readAllLines(journal()));
        lines.set(1, "#" + lines.get(1).substring(1));
        Files.write(journal(), lines);
        byte[] damaged = Files.readAllBytes(journal());
        byte[] snapshot = Files.readAllBytes(store.manifestFile());

        LifeboatException e = assertThrows(LifeboatException.class, () -> store.add(ManifestStoreTest.entry("four")));
        assertEquals(ErrorCode.MANIFEST_DAMAGED, e.code());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
        assertTrue(e.getMessage().contains(CatalogJournal.FILE_NAME), e.getMessage());
        assertEquals(ErrorCode.MANIFEST_DAMAGED, assertThrows(LifeboatException.class, store::summaries).code());
        assertEquals(ErrorCode.MANIFEST_DAMAGED, assertThrows(LifeboatException.class, store::compact).code());
        assertArrayEquals(damaged, Files.readAllBytes(journal()), "the damaged journal stays as it was");
        assertArrayEquals(snapshot, Files.readAllBytes(store.manifestFile()));
    }

    @Test
    void findingOneEntryFromAJournalOfOthersSeesItsOwnChangesHoweverSpelledAndReportsDamageAnywhere() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        String id = CatalogFixtures.realistic(10).id();
        for (int i = 0; i < 20; i++) {
            store.add(ManifestStoreTest.entry("other_" + i));
        }
        store.replace(id, e -> e.withPinned(true));
        assertTrue(new ManifestStore(folder).find(id).pinnedOrFalse(), "its change is read from the journal");
        // A hand-edited line spelling the id with a backslash-u escape still names it.
        String spelled = id.replace("db1", "\\u0064b1");
        String line = "[{\"op\":\"remove\",\"id\":\"" + spelled + "\"}]\n";
        Files.write(journal(), line.getBytes(StandardCharsets.UTF_8), java.nio.file.StandardOpenOption.APPEND);
        assertEquals(ErrorCode.BACKUP_NOT_FOUND, assertThrows(LifeboatException.class,
                () -> new ManifestStore(folder).find(id)).code());
        assertEquals("other_3", new ManifestStore(folder).find("other_3").id());
        // A damaged line of another entry is still reported when one entry is read.
        List<String> lines = new ArrayList<>(Files.readAllLines(journal()));
        lines.set(2, lines.get(2).substring(0, lines.get(2).length() - 3));
        Files.write(journal(), lines);
        LifeboatException e = assertThrows(LifeboatException.class, () -> new ManifestStore(folder).find("other_5"));
        assertEquals(ErrorCode.MANIFEST_DAMAGED, e.code());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
    }

    @Test
    void aTornLastLineIsAChangeThatNeverCommittedAndTheNextWriterCutsIt() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        store.add(ManifestStoreTest.entry("kept"));
        Files.write(journal(), "[{\"op\":\"put\",\"entry\":{\"id\":\"torn\",\"fi".getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(LARGE + 1, store.summaries().size());
        store.add(ManifestStoreTest.entry("next"));
        String text = Files.readString(journal());
        assertFalse(text.contains("torn"), text);
        assertEquals(LARGE + 2, store.load().backups().size());
    }

    @Test
    void aHandEditedSnapshotIsReindexedAndItsEntriesAdoptedAsTheyAre() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        store.add(ManifestStoreTest.entry("in_journal"));
        String text = Files.readString(store.manifestFile());
        String first = CatalogFixtures.realistic(0).id();
        Files.writeString(store.manifestFile(), text.replace("\"hourly backup 0\"", "\"edited by hand\""));
        assertEquals("edited by hand", store.find(first).description());
        assertEquals(LARGE + 1, store.summaries().size());
        assertEquals("edited by hand", store.summaries().stream().filter(s -> s.id().equals(first)).findFirst()
                .orElseThrow().entry().description());
    }

    @Test
    void aFollowerReadsOnlyTheNewChangesUntilACompaction() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        CatalogChanges whole = store.changesSince(null);
        assertTrue(whole.whole());
        assertEquals(LARGE, whole.summaries().size());
        assertTrue(store.changesSince(whole.cursor()).isEmpty());

        new ManifestStore(folder).add(ManifestStoreTest.entry("other_process"));
        CatalogChanges delta = store.changesSince(whole.cursor());
        assertFalse(delta.whole());
        assertEquals(1, delta.changes().size());
        assertEquals("other_process", delta.changes().get(0).entry().id());

        new ManifestStore(folder).compact();
        CatalogChanges after = store.changesSince(delta.cursor());
        assertTrue(after.whole(), "a new snapshot means a fresh start, from the index");
        assertEquals(LARGE + 1, after.summaries().size());
    }

    @Test
    void anEditInPlaceThatKeepsSizeAndTimeIsReindexedNeverAnsweredWithAnotherEntry() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        String one = CatalogFixtures.realistic(1).id();
        String two = CatalogFixtures.realistic(2).id();
        assertEquals(one, store.find(one).id()); // the index now names where each entry lies
        String text = Files.readString(store.manifestFile());
        String a = Json.MAPPER.writeValueAsString(store.find(one));
        String b = Json.MAPPER.writeValueAsString(store.find(two));
        assertEquals(a.length(), b.length(), "two entries of one length, so the swap keeps the file's size");
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(store.manifestFile());
        String swapped = text.replace(a, "\u0000").replace(b, a).replace("\u0000", b);
        assertEquals(text.length(), swapped.length());
        Files.writeString(store.manifestFile(), swapped); // the same file, rewritten in place
        Files.setLastModifiedTime(store.manifestFile(), time);

        ManifestStore fresh = new ManifestStore(folder);
        assertEquals(one, fresh.find(one).id(), "the bytes at the indexed place were another entry's: reindexed");
        assertEquals("hourly backup 2", fresh.find(two).description());
        assertEquals(LARGE, fresh.summaries().size());
    }

    @Test
    void aDamagedIdTableIsOnlyASlowerStartAndTheEntryIsFoundWhole() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        Path index = folder.resolve(CatalogIndex.FILE_NAME);
        byte[] bytes = Files.readAllBytes(index);
        // Scramble the id table at the end of the index (its records, not its size).
        for (int i = bytes.length - LARGE * CatalogIdTable.RECORD; i < bytes.length; i++) {
            if (bytes[i] >= '0' && bytes[i] <= '9') {
                bytes[i] = (byte) ('0' + (bytes[i] - '0' + 3) % 10);
            }
        }
        Files.write(index, bytes);
        Files.setLastModifiedTime(index, Files.getLastModifiedTime(index)); // the index's own time plays no part
        String id = CatalogFixtures.realistic(700).id();
        assertEquals(20, new ManifestStore(folder).find(id).tables().size());
        new ManifestStore(folder).replace(id, e -> e.withPinned(true));
        assertTrue(new ManifestStore(folder).find(id).pinnedOrFalse());
        assertEquals(LARGE, new ManifestStore(folder).summaries().size());
    }

    @Test
    void findingOneEntryReadsTheIdTableNotTheWholeIndex() throws Exception {
        CatalogFixtures.seed(folder, LARGE);
        Path index = folder.resolve(CatalogIndex.FILE_NAME);
        CatalogIndex.Identity identity = CatalogIndex.Identity.of(folder.resolve(ManifestStore.FILE_NAME));
        String id = CatalogFixtures.realistic(1234).id();
        CatalogIndex.Snapshot found = CatalogIndex.readIfCurrent(index, identity, Integer.MAX_VALUE, id, true,
                () -> {
                    throw new AssertionError("the whole index was read to find one entry");
                });
        assertEquals(1, found.slots().size());
        assertEquals(id, found.slots().get(0).id());
        assertEquals("hourly backup 1234", found.slots().get(0).summary().entry().description());
        assertTrue(CatalogIndex.readIfCurrent(index, identity, Integer.MAX_VALUE, "no_such_id", true, () -> {
            throw new AssertionError("the whole index was read to learn that an id is new (a backup's name)");
        }).slots().isEmpty(), "not found, told by the table, whose checksum matched");
    }

    @Test
    void summariesCarryEachCopysDestinationAndStateSoACopiesColumnReadsNoWholeEntry() throws Exception {
        ManifestStore store = CatalogFixtures.seed(folder, LARGE);
        String id = CatalogFixtures.realistic(5).id();
        store.replace(id, e -> e.withCopy("nas", new CopyRecord("nas", "k1", 1L, "h", "2026-01-01T00:00Z", null, CopyState.OK, null))
                .withCopy("s3=eu", new CopyRecord("s3=eu", "k2", 1L, "h", "2026-01-01T00:00Z", null, CopyState.FAILED, "gone")));
        store.compact(); // into the snapshot, so the summary comes from the index line
        EntrySummary s = new ManifestStore(folder).summaries().stream().filter(x -> x.id().equals(id)).findFirst()
                .orElseThrow();
        assertEquals(List.of("nas=OK", "s3=eu=FAILED"), s.entry().copyList().stream()
                .map(c -> c.destination() + "=" + c.state().name()).toList());
        assertEquals("gone", store.find(id).copyList().get(1).detail(), "the whole entry keeps every field");
    }
}
