package dev.lifeboat.core.manifest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Retention facts newest first (ties in manifest order), each one's manifest position and its id's
 * {@link String#hashCode}, for merging the journal: an id the journal touches is looked for by its hash
 * first, so the merge neither hashes nor compares 35,000 ids (issue 15). Arrays, not lists: the merge copies
 * the untouched facts with {@link System#arraycopy}, where a list's {@code addAll} of a sub-list stepped
 * through every element in a cold JVM. Counts the facts with an off-site copy, so a folder without
 * destinations makes no pass over them for copies.
 */
final class FactsColumns {
    /** Manifest positions of entries the journal added: after every snapshot offset, in the order added. */
    private static final long APPENDED = Long.MAX_VALUE / 2;

    private final RetentionFacts[] facts;
    private final long[] positions;
    private final int[] idHashes;
    private final int withCopies;

    FactsColumns(RetentionFacts[] facts, long[] positions, int[] idHashes, int withCopies) {
        this.facts = facts;
        this.positions = positions;
        this.idHashes = idHashes;
        this.withCopies = withCopies;
    }

    /** From index slots (any order). */
    static FactsColumns of(List<CatalogIndex.Slot> slots) {
        List<CatalogIndex.Slot> sorted = new ArrayList<>(slots);
        sorted.sort(CatalogIndex.NEWEST_FIRST); // one pass when read from the index; a rebuilt one is in file order
        RetentionFacts[] facts = new RetentionFacts[sorted.size()];
        long[] positions = new long[facts.length];
        int[] idHashes = new int[facts.length];
        int withCopies = 0;
        for (int i = 0; i < positions.length; i++) {
            RetentionFacts f = sorted.get(i).retentionFacts();
            facts[i] = f;
            positions[i] = sorted.get(i).offset();
            idHashes[i] = f.idHash();
            withCopies += f.copies().isEmpty() ? 0 : 1;
        }
        return new FactsColumns(facts, positions, idHashes, withCopies);
    }

    /** The facts, newest first (not to be changed). */
    List<RetentionFacts> facts() {
        return Collections.unmodifiableList(Arrays.asList(facts));
    }

    long[] positions() {
        return positions;
    }

    int[] idHashes() {
        return idHashes;
    }

    /** The facts of backups with an off-site copy, newest first; no pass over the facts when none has one. */
    List<RetentionFacts> withCopies() {
        if (withCopies == 0) {
            return List.of();
        }
        List<RetentionFacts> found = new ArrayList<>(withCopies);
        for (RetentionFacts f : facts) {
            if (!f.copies().isEmpty()) {
                found.add(f);
            }
        }
        return found;
    }

    /** The facts of every backup with exactly this id, found by its hash (ids of other backups stay undecoded). */
    List<RetentionFacts> withId(String id) {
        int h = id.hashCode();
        List<RetentionFacts> found = new ArrayList<>(1);
        for (int i = 0; i < idHashes.length; i++) {
            if (idHashes[i] == h && id.equals(facts[i].id())) {
                found.add(facts[i]);
            }
        }
        return found;
    }

    /**
     * The facts after the journal's changes, as {@link CatalogState} applies them: a put of an id the
     * snapshot holds replaces it in its place, a new id goes after every snapshot entry, a remove drops
     * every entry with that id. Only the few ids the journal touches are looked at, then one merge.
     */
    FactsColumns withJournal(CatalogJournal.Read journal) {
        Set<String> touched = new HashSet<>();
        for (List<JournalChange> line : journal.lines()) {
            for (JournalChange c : line) {
                if (JournalChange.PUT.equals(c.op())) {
                    touched.add(c.entry().effectiveId());
                } else if (JournalChange.REMOVE.equals(c.op())) {
                    touched.add(c.id());
                }
            }
        }
        if (touched.isEmpty()) {
            return this;
        }
        // Which facts the journal touches: by the stored hash first (one array load each), then, for the
        // few whose hash may match, by id.
        boolean[] mayBeTouched = new boolean[1024];
        for (String id : touched) {
            mayBeTouched[hash(id) & 1023] = true;
        }
        int[] gone = new int[facts.length];
        int goneCount = 0;
        for (int i = 0; i < facts.length; i++) {
            if (mayBeTouched[idHashes[i] & 1023] && touched.contains(facts[i].id())) {
                gone[goneCount++] = i;
            }
        }
        Set<String> inSnapshot = new HashSet<>();
        for (int g = 0; g < goneCount; g++) {
            inSnapshot.add(facts[gone[g]].id());
        }
        record Change(BackupEntry entry, boolean inPlace, long seq) {
        }
        Map<String, Change> changes = new HashMap<>();
        long seq = 0;
        for (List<JournalChange> line : journal.lines()) {
            for (JournalChange c : line) {
                if (JournalChange.PUT.equals(c.op())) {
                    String id = c.entry().effectiveId();
                    Change now = changes.get(id);
                    boolean present = now == null ? inSnapshot.contains(id) : now.entry() != null;
                    changes.put(id, !present ? new Change(c.entry(), false, seq++)
                            : now == null ? new Change(c.entry(), true, -1) : new Change(c.entry(), now.inPlace(), now.seq()));
                } else if (JournalChange.REMOVE.equals(c.op())) {
                    changes.put(c.id(), new Change(null, false, -1));
                }
            }
        }
        // Every touched fact leaves its place; the journal's version, if any, is merged in as an extra.
        List<RetentionFacts> extra = new ArrayList<>();
        List<Long> extraAt = new ArrayList<>();
        int copiesLeft = withCopies;
        for (int g = 0; g < goneCount; g++) {
            int i = gone[g];
            copiesLeft -= facts[i].copies().isEmpty() ? 0 : 1;
            Change c = changes.get(facts[i].id());
            if (c.entry() != null && c.inPlace()) {
                extra.add(RetentionFacts.of(c.entry()));
                extraAt.add(positions[i]);
            }
        }
        for (Change c : changes.values()) {
            if (c.entry() != null && !c.inPlace()) {
                extra.add(RetentionFacts.of(c.entry()));
                extraAt.add(APPENDED + c.seq());
            }
        }
        // The few changed entries in order by insertion, not Arrays.sort with a lambda: no bootstrap
        // in a cold JVM for a handful of elements (issue 15).
        int[] order = new int[extra.size()];
        for (int i = 0; i < order.length; i++) {
            int j = i;
            while (j > 0 && before(extra.get(order[j - 1]).sortKey(), extraAt.get(order[j - 1]),
                    extra.get(i).sortKey(), extraAt.get(i)) > 0) {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
        Merge m = new Merge(this, Arrays.copyOf(gone, goneCount), facts.length - goneCount + extra.size());
        for (int x : order) {
            RetentionFacts f = extra.get(x);
            m.copyTo(insertionPoint(f.sortKey(), extraAt.get(x)));
            m.add(f, extraAt.get(x));
            copiesLeft += f.copies().isEmpty() ? 0 : 1;
        }
        m.copyTo(facts.length);
        return new FactsColumns(m.facts, m.positions, m.idHashes, copiesLeft);
    }

    /** The first place whose fact comes after (key, at): facts are in {@link #before} order. */
    private int insertionPoint(long key, long at) {
        int lo = 0;
        int hi = facts.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before(facts[mid].sortKey(), positions[mid], key, at) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static int hash(String id) {
        return id == null ? 0 : id.hashCode();
    }

    /** Newest first, then manifest order, as {@link CatalogIndex#NEWEST_FIRST}. */
    private static int before(long keyA, long atA, long keyB, long atB) {
        return keyA != keyB ? Long.compare(keyB, keyA) : Long.compare(atA, atB);
    }

    /** Copies runs of the columns, leaving out the places at {@code gone} (ascending), and adds the extras. */
    private static final class Merge {
        private final FactsColumns from;
        private final int[] gone;
        private final RetentionFacts[] facts;
        private final long[] positions;
        private final int[] idHashes;
        private int next;
        private int g;
        private int size;

        Merge(FactsColumns from, int[] gone, int size) {
            this.from = from;
            this.gone = gone;
            this.facts = new RetentionFacts[size];
            this.positions = new long[size];
            this.idHashes = new int[size];
        }

        /** The untouched facts before place {@code to}, in runs. */
        void copyTo(int to) {
            while (g < gone.length && gone[g] < to) {
                run(gone[g]);
                next = gone[g++] + 1;
            }
            run(to);
        }

        private void run(int to) {
            int n = to - next;
            if (n > 0) {
                System.arraycopy(from.facts, next, facts, size, n);
                System.arraycopy(from.positions, next, positions, size, n);
                System.arraycopy(from.idHashes, next, idHashes, size, n);
                size += n;
            }
            next = Math.max(next, to);
        }

        void add(RetentionFacts f, long at) {
            facts[size] = f;
            positions[size] = at;
            idHashes[size++] = f.idHash();
        }
    }
}
