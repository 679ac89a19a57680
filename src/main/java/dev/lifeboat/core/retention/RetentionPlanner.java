package dev.lifeboat.core.retention;

import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.manifest.RetentionFacts;
import dev.lifeboat.core.retention.Periods.Bucket;
import dev.lifeboat.core.retention.Periods.Period;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which backups a policy keeps. Pinned backups and each database's newest verified backup
 * are always kept; a database whose policy is empty keeps everything. Pure: no I/O, so decisions
 * across month and year boundaries are tested on synthetic manifests.
 */
public final class RetentionPlanner {
    private final ZoneId zone;

    public RetentionPlanner(ZoneId zone) {
        this.zone = zone;
    }

    public List<RetentionDecision> plan(Manifest manifest, RetentionPolicies policies, OffsetDateTime now) {
        return plan(manifest.newestFirst().stream().map(RetentionFacts::of).toList(), policies, now);
    }

    /** The same over the facts the catalog's index gives (ManifestStore#retentionFacts), newest first. */
    public List<RetentionDecision> plan(List<RetentionFacts> newestFirst, RetentionPolicies policies, OffsetDateTime now) {
        // Every rule in one pass, in runs of backups, each run and each backup's work a method of its own: in
        // the cold JVM of a prune a loop over 35,000 backups runs interpreted (too few iterations for the JIT
        // to replace it), while a method called a hundred times is compiled (issue 15, decision 007's sixth
        // and seventh rounds). Each backup's reasons keep the rules' order.
        ByDatabase byDatabase = new ByDatabase(policies, now, zone);
        // One copy into an array: a list's get is two calls per backup (an unmodifiable view of an array's list).
        RetentionFacts[] all = newestFirst.toArray(new RetentionFacts[0]);
        int n = all.length;
        for (int i = 0; i < n; i += RUN) {
            byDatabase.visit(all, i, Math.min(n, i + RUN));
        }
        List<RetentionDecision> decisions = new ArrayList<>(n);
        for (Scan scan : byDatabase.scans.values()) {
            for (int i = 0; i < scan.size; i += RUN) {
                scan.decide(decisions, i, Math.min(scan.size, i + RUN));
            }
        }
        return decisions;
    }

    /** Backups visited or decided per method call (see {@link #plan}). */
    private static final int RUN = 32;

    /**
     * Each database's rules, visited newest first as the backups come: the map is asked only when the
     * database changes (facts read from the catalog share one String per database).
     */
    private static final class ByDatabase {
        private final Map<String, Scan> scans = new LinkedHashMap<>();
        private final RetentionPolicies policies;
        private final OffsetDateTime now;
        private final ZoneId zone;
        private String lastDb;
        private Scan last;
        private final String[] recentDbs = new String[8];
        private final Scan[] recentScans = new Scan[8];
        private int nextRecent;

        ByDatabase(RetentionPolicies policies, OffsetDateTime now, ZoneId zone) {
            this.policies = policies;
            this.now = now;
            this.zone = zone;
        }

        void visit(RetentionFacts[] newestFirst, int from, int to) {
            for (int i = from; i < to; i++) {
                visit(newestFirst[i]);
            }
        }

        private void visit(RetentionFacts e) {
            String db = e.database() == null ? "" : e.database();
            if (last == null || db != lastDb) {
                lastDb = db;
                last = recent(db);
            }
            last.visit(e);
        }

        /**
         * The database's rules: among the few last asked for by identity first (hourly backups of a few
         * databases alternate, so the database changes with nearly every backup), else from the map.
         */
        private Scan recent(String db) {
            for (int i = 0; i < recentDbs.length; i++) {
                if (recentDbs[i] == db) {
                    return recentScans[i];
                }
            }
            Scan scan = scans.get(db);
            if (scan == null) {
                scan = new Scan(policies.forDatabase(db), now, zone);
                scans.put(db, scan);
            }
            recentDbs[nextRecent] = db;
            recentScans[nextRecent] = scan;
            nextRecent = (nextRecent + 1) % recentDbs.length;
            return scan;
        }
    }

    /** The rules of one database's policy applied backup by backup, newest first. */
    private static final class Scan {
        private static final List<String> EVERYTHING = List.of("no retention policy: everything is kept");

        // The backups visited, and the reasons of each (null while it has none: in a large folder most have
        // none, and 35,000 empty lists cost). Backups sharing an id (a hand-edited manifest may repeat one)
        // share one list, found by id; only the ids of backups with a reason are decoded, and another backup's
        // only when its id's hash is in {@code mayShare} (65,536 slots: with 4,096, the few hundred backups with a
        // reason made one backup in twenty decode its id and look it up). Without a policy every backup stays for
        // one reason, shared. Arrays, not lists: a list's add and get are calls, 35,000 of them each in a cold JVM.
        private RetentionFacts[] backups = new RetentionFacts[256];
        private List<String>[] own = newLists(256);
        private int size;
        private final Map<String, List<String>> reasons = new HashMap<>();
        private final boolean[] mayShare = new boolean[1 << 16];
        private final RetentionPolicy p;
        private final boolean empty;
        private final List<String> otherwise;
        private final String lastReason;
        private final String withinReason;
        private final OffsetDateTime cutoff;
        private final long cutoffKey;
        private final Bucket[] buckets;
        private boolean verifiedSeen;

        Scan(RetentionPolicy p, OffsetDateTime now, ZoneId zone) {
            this.p = p;
            this.empty = p.isEmpty();
            this.otherwise = empty ? EVERYTHING : List.of(text("no rule of \"", p.describe(), "\" keeps it"));
            this.lastReason = p.keepLast() == null ? null : text("one of the last ", p.keepLast(), "");
            boolean within = p.keepWithin() != null && !p.keepWithin().isBlank();
            this.withinReason = within ? text("younger than ", p.keepWithin(), "") : null;
            this.cutoff = within ? now.minus(RetentionPolicy.parseDuration(p.keepWithin())) : null;
            this.cutoffKey = within ? cutoff.toEpochSecond() * 1_000_000_000L + cutoff.getNano() : 0;
            List<Bucket> list = new ArrayList<>(4);
            addBucket(list, p.keepDaily(), Period.DAILY, zone);
            addBucket(list, p.keepWeekly(), Period.WEEKLY, zone);
            addBucket(list, p.keepMonthly(), Period.MONTHLY, zone);
            addBucket(list, p.keepYearly(), Period.YEARLY, zone);
            this.buckets = list.toArray(new Bucket[0]);
        }

        private static void addBucket(List<Bucket> list, Integer count, Period period, ZoneId zone) {
            if (count != null && count > 0) {
                list.add(new Bucket(count, period, zone));
            }
        }

        /** The rules' reasons for the next backup, in the order the rules are listed. */
        void visit(RetentionFacts e) {
            int i = size;
            if (i == backups.length) {
                backups = java.util.Arrays.copyOf(backups, i * 2);
                own = java.util.Arrays.copyOf(own, i * 2);
            }
            backups[i] = e;
            size = i + 1;
            if (e.pinned()) {
                reason(e, i, "pinned");
            }
            if (!verifiedSeen && e.verified()) {
                verifiedSeen = true;
                reason(e, i, "the newest verified backup");
            }
            if (lastReason != null && i < p.keepLast()) {
                reason(e, i, lastReason);
            }
            if (withinReason != null) {
                // The sort key is the instant in ns (no date made per backup), but for dates out of its range.
                long key = e.sortKey();
                boolean inRange = key != Long.MIN_VALUE && key != Long.MAX_VALUE;
                if (inRange ? key > cutoffKey : e.createdAt().isAfter(cutoff)) {
                    reason(e, i, withinReason);
                }
            }
            for (Bucket b : buckets) {
                String why = b.offer(e);
                if (why != null) {
                    reason(e, i, why);
                }
            }
        }

        /** The decisions on the backups visited {@code from} to {@code to} (exclusive), added to {@code out}. */
        void decide(List<RetentionDecision> out, int from, int to) {
            for (int i = from; i < to; i++) {
                out.add(decide(i));
            }
        }

        private RetentionDecision decide(int i) {
            RetentionFacts e = backups[i];
            List<String> why = own[i];
            if (why == null && mayShare[slot(e.idHash())]) {
                why = reasons.get(e.id()); // another backup with this id has a reason (or only its hash is alike)
            }
            if (why != null && empty) {
                why = new ArrayList<>(why);
                why.addAll(0, EVERYTHING);
            }
            boolean keep = why != null || empty;
            return new RetentionDecision(e, keep, why != null ? List.copyOf(why) : otherwise);
        }

        private void reason(RetentionFacts e, int i, String why) {
            List<String> list = own[i];
            if (list == null) {
                list = reasons.get(e.id());
                if (list == null) {
                    list = new ArrayList<>(2);
                    reasons.put(e.id(), list);
                }
                own[i] = list;
                mayShare[slot(e.idHash())] = true;
            }
            list.add(why);
        }

        private static int slot(int hash) {
            return (hash ^ hash >>> 16) & 0xffff;
        }

        @SuppressWarnings("unchecked")
        private static List<String>[] newLists(int n) {
            return (List<String>[]) new List<?>[n];
        }
    }

    /**
     * Three parts joined by a StringBuilder, not {@code +}: a cold JVM's first string concatenation
     * bootstraps method handles (tens of ms), and a prune may make no other (issue 15).
     */
    static String text(String a, Object b, String c) {
        return new StringBuilder(a).append(b).append(c).toString();
    }
}
