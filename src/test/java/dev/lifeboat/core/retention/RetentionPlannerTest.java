package dev.lifeboat.core.retention;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.manifest.VerificationRecord;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Retention decisions on synthetic manifests, across day, week, month and year boundaries (UTC). */
class RetentionPlannerTest {
    private static final OffsetDateTime NOW = OffsetDateTime.of(2027, 1, 2, 12, 0, 0, 0, ZoneOffset.UTC);

    static BackupEntry at(String id, String datetime, String db, boolean pinned, CheckStatus verified) {
        List<VerificationRecord> v = verified == null ? List.of()
                : List.of(new VerificationRecord(datetime, "quick", verified, 1.0, null, List.of(), null));
        return new BackupEntry(id, null, datetime, db, "h", 5432, "u", "", List.of("scheduled"), "scheduled", id + ".dump",
                "custom", 1L, 0.0, "00", "SHA-256", 0, "exact", List.of(), "15", 150000, "15", 1L, 1.0, 1, null, null, null,
                pinned, v, null);
    }

    private static Manifest manifest(BackupEntry... entries) {
        return new Manifest(1, null, List.of(entries), null, null);
    }

    private static Set<String> kept(Manifest m, RetentionPolicy p) {
        return new RetentionPlanner(ZoneOffset.UTC).plan(m, new RetentionPolicies(p, Map.of()), NOW).stream()
                .filter(RetentionDecision::keep).map(RetentionDecision::backupId).collect(Collectors.toSet());
    }

    private static RetentionPolicy policy(Integer last, Integer daily, Integer weekly, Integer monthly, Integer yearly,
                                          String within) {
        return new RetentionPolicy(last, daily, weekly, monthly, yearly, within);
    }

    @Test
    void dailyKeepsTheNewestOfEachDayAcrossTheYearBoundary() {
        Manifest m = manifest(
                at("dec30a", "2026-12-30T01:00:00Z", "db", false, null), at("dec30b", "2026-12-30T23:00:00Z", "db", false, null),
                at("dec31a", "2026-12-31T08:00:00Z", "db", false, null), at("dec31b", "2026-12-31T22:00:00Z", "db", false, null),
                at("jan01a", "2027-01-01T00:30:00Z", "db", false, null), at("jan01b", "2027-01-01T09:00:00Z", "db", false, null));
        assertEquals(Set.of("jan01b", "dec31b", "dec30b"), kept(m, policy(null, 3, null, null, null, null)));
        assertEquals(Set.of("jan01b", "dec31b"), kept(m, policy(null, 2, null, null, null, null)));
    }

    @Test
    void weeklyUsesIsoWeeksThatSpanTheNewYear() {
        // 2026-12-28 (Mon) .. 2027-01-03 (Sun) is ISO week 2026-W53; 2026-12-27 is in W52.
        Manifest m = manifest(
                at("w52", "2026-12-27T10:00:00Z", "db", false, null),
                at("w53mon", "2026-12-28T10:00:00Z", "db", false, null),
                at("w53fri", "2027-01-01T10:00:00Z", "db", false, null),
                at("w51", "2026-12-16T10:00:00Z", "db", false, null));
        assertEquals(Set.of("w53fri", "w52"), kept(m, policy(null, null, 2, null, null, null)));
    }

    @Test
    void monthlyAndYearlyKeepTheNewestOfEachPeriod() {
        Manifest m = manifest(
                at("nov", "2026-11-30T23:59:00Z", "db", false, null),
                at("dec1", "2026-12-01T00:00:00Z", "db", false, null),
                at("dec31", "2026-12-31T23:59:00Z", "db", false, null),
                at("jan", "2027-01-01T00:01:00Z", "db", false, null),
                at("y2025", "2025-06-01T00:00:00Z", "db", false, null),
                at("y2024", "2024-06-01T00:00:00Z", "db", false, null));
        assertEquals(Set.of("jan", "dec31", "nov"), kept(m, policy(null, null, null, 3, null, null)));
        assertEquals(Set.of("jan", "dec31", "y2025"), kept(m, policy(null, null, null, null, 3, null)));
    }

    @Test
    void lastNAndWithinAreCountedPerDatabase() {
        Manifest m = manifest(
                at("a1", "2027-01-02T11:00:00Z", "a", false, null), at("a2", "2027-01-01T11:00:00Z", "a", false, null),
                at("a3", "2026-12-20T11:00:00Z", "a", false, null),
                at("b1", "2026-12-01T11:00:00Z", "b", false, null), at("b2", "2026-11-01T11:00:00Z", "b", false, null));
        assertEquals(Set.of("a1", "a2", "b1", "b2"), kept(m, policy(2, null, null, null, null, null)));
        assertEquals(Set.of("a1", "a2"), kept(m, policy(null, null, null, null, null, "7d")));
    }

    @Test
    void pinnedAndTheNewestVerifiedBackupAreNeverPruned() {
        Manifest m = manifest(
                at("new", "2027-01-02T11:00:00Z", "db", false, CheckStatus.FAIL),
                at("verified", "2026-10-01T11:00:00Z", "db", false, CheckStatus.PASS),
                at("pinned", "2025-01-01T11:00:00Z", "db", true, null),
                at("old", "2024-01-01T11:00:00Z", "db", false, null));
        List<RetentionDecision> d = new RetentionPlanner(ZoneOffset.UTC).plan(m,
                new RetentionPolicies(policy(1, null, null, null, null, null), Map.of()), NOW);
        assertEquals(Set.of("new", "verified", "pinned"), d.stream().filter(RetentionDecision::keep)
                .map(RetentionDecision::backupId).collect(Collectors.toSet()));
        RetentionDecision verified = d.stream().filter(x -> x.backupId().equals("verified")).findFirst().orElseThrow();
        assertTrue(verified.reasons().contains("the newest verified backup"), verified.reasons().toString());
        RetentionDecision old = d.stream().filter(x -> x.backupId().equals("old")).findFirst().orElseThrow();
        assertTrue(old.reasons().get(0).startsWith("no rule of"), old.reasons().toString());
    }

    @Test
    void backupsSharingAnIdShareOneDecision() {
        // A hand-edited manifest may repeat an id: the copy without a reason of its own stays with the pinned one
        // (the plan finds it by its id's hash, without decoding every id), and the reasons are the same.
        Manifest m = manifest(
                at("new", "2027-01-02T11:00:00Z", "db", false, null),
                at("twin", "2026-06-01T11:00:00Z", "db", false, null),
                at("middle", "2025-06-01T11:00:00Z", "db", false, null),
                at("twin", "2025-01-01T11:00:00Z", "db", true, null),
                at("old", "2024-01-01T11:00:00Z", "db", false, null));
        List<RetentionDecision> d = new RetentionPlanner(ZoneOffset.UTC).plan(m,
                new RetentionPolicies(policy(1, null, null, null, null, null), Map.of()), NOW);
        assertEquals(List.of(true, true, false, true, false), d.stream().map(RetentionDecision::keep).toList());
        assertEquals(List.of("pinned"), d.get(1).reasons());
        assertEquals(new RetentionDecision("twin", "db", "2026-06-01T11:00:00Z", "twin.dump", true, List.of("pinned")),
                d.get(1));
        assertEquals("twin", d.get(3).backupId());
    }

    @Test
    void withoutAPolicyEverythingIsKeptAndAPerDatabasePolicyWins() {
        List<BackupEntry> entries = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            entries.add(at("a" + i, "2026-12-0" + i + "T10:00:00Z", "a", false, null));
            entries.add(at("b" + i, "2026-12-0" + i + "T10:00:00Z", "b", false, null));
        }
        Manifest m = new Manifest(1, null, entries, null, null);
        assertEquals(10, kept(m, policy(null, null, null, null, null, null)).size());
        Set<String> k = new RetentionPlanner(ZoneOffset.UTC).plan(m, new RetentionPolicies(null,
                        Map.of("b", policy(1, null, null, null, null, null))), NOW).stream()
                .filter(RetentionDecision::keep).map(RetentionDecision::backupId).collect(Collectors.toSet());
        assertEquals(Set.of("a1", "a2", "a3", "a4", "a5", "b5"), k);
    }

    @Test
    void periodsInZonesWithDaylightSavingAndMidnightTransitionsAreTheLocalCalendarsOnes() {
        // Every 5 hours over three years (no reason but the policy), in zones whose clocks move, São Paulo's
        // at midnight before 2019: the planner names a period once per period, checked against each backup's
        // own local date.
        List<BackupEntry> entries = new ArrayList<>();
        OffsetDateTime t = OffsetDateTime.of(2016, 1, 1, 0, 30, 0, 0, ZoneOffset.UTC);
        for (int i = 0; i < 5_300; i++, t = t.plusHours(5).plusMinutes(i % 7)) {
            entries.add(at("b" + i, t.toString(), "db", false, null));
        }
        Manifest m = new Manifest(1, null, entries, null, null);
        RetentionPolicy p = new RetentionPolicy(null, 40, 30, 30, 5, null);
        for (String zone : List.of("Europe/Paris", "America/Sao_Paulo", "Australia/Lord_Howe", "UTC")) {
            java.time.ZoneId z = java.time.ZoneId.of(zone);
            Set<String> kept = new RetentionPlanner(z).plan(m, new RetentionPolicies(p, Map.of()), NOW).stream()
                    .filter(RetentionDecision::keep).map(RetentionDecision::backupId).collect(Collectors.toSet());
            Set<String> expected = new java.util.HashSet<>();
            List<BackupEntry> newestFirst = m.newestFirst();
            List<java.util.function.Function<java.time.LocalDate, String>> periods = List.of(java.time.LocalDate::toString,
                    d -> d.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR) + "-W"
                            + d.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR),
                    d -> d.getYear() + "-" + d.getMonthValue(), d -> Integer.toString(d.getYear()));
            List<Integer> counts = List.of(40, 30, 30, 5);
            for (int k = 0; k < periods.size(); k++) {
                Set<String> seen = new java.util.HashSet<>();
                for (BackupEntry e : newestFirst) {
                    if (seen.size() >= counts.get(k)) {
                        break;
                    }
                    if (seen.add(periods.get(k).apply(e.createdAt().atZoneSameInstant(z).toLocalDate()))) {
                        expected.add(e.id());
                    }
                }
            }
            assertEquals(expected, kept, zone);
        }
    }
}
