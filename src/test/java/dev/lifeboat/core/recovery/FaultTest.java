package dev.lifeboat.core.recovery;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.retention.RetentionPolicies;
import dev.lifeboat.core.retention.RetentionPolicy;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.VerifyService;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fault test (opt-in: {@code benchmarks/fault_test.sh N}, or {@code -Dlifeboat.faults=N}): for
 * each operation of the command line, N runs killed with SIGKILL at a random moment (every other
 * run, a random moment after the operation wrote its first journal line), each followed
 * by recover and a check that nothing is left, the manifest is whole, every backup still verifies,
 * and the restore target holds either all old or all new rows and accepts connections.
 */
@ExtendWith(PgExtension.class)
class FaultTest {
    @TempDir
    Path folder;

    @TempDir
    Path home;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    /** Per operation: runs, runs killed while still working, leftovers found after the kill, failures. */
    private final Map<String, int[]> figures = new LinkedHashMap<>();

    @Test
    void randomKillsOfEveryOperationLeaveNothingAfterRecover(TestDatabase db, TestServer server) throws Exception {
        String rounds = System.getProperty("lifeboat.faults");
        assumeTrue(rounds != null && !rounds.isBlank(), "opt-in: benchmarks/fault_test.sh N");
        int n = Integer.parseInt(rounds.strip());
        long seed = Long.getLong("lifeboat.faults.seed", System.nanoTime());
        Random random = new Random(seed);
        SampleData.create(db);
        SampleData.createLargeTable(db);
        ManifestStore store = new ManifestStore(folder);
        // The base backup (all rows) is what verify and restore use in every round, and pinned so that
        // prune keeps it: otherwise a backup taken after a round's delete makes the later rounds trivial.
        String base = new BackupService(store, tools).create(BackupRequest.of(db.spec(), "base"), ProgressListener.NONE,
                CancelToken.none()).id();
        store.update(m -> m.withReplaced(base, e -> e.withPinned(true)));
        long fullRows = db.count("public.big");
        new RetentionPolicies(new RetentionPolicy(2, null, null, null, null, null), Map.of()).save(folder);
        String uri = CliProcess.uri(db.spec());
        Path outside = Files.createTempDirectory("lifeboat-fault-import");
        Files.copy(folder.resolve(store.find(base).file()), outside.resolve("loose_20260101_000000.dump"));
        Map<String, String[]> ops = new LinkedHashMap<>();
        ops.put("backup", new String[]{"backup", "--db", uri});
        ops.put("verify full", new String[]{"verify", base, "--depth", "full", "--scratch", CliProcess.uri(server.admin())});
        ops.put("restore replace", new String[]{"restore", base, "--to", uri, "--mode", "replace", "--yes",
                "--terminate-sessions"});
        ops.put("import", new String[]{"import", outside.toString()});
        ops.put("prune", new String[]{"prune"});
        for (int round = 0; round < n; round++) {
            for (var op : ops.entrySet()) {
                int[] f = figures.computeIfAbsent(op.getKey(), k -> new int[4]);
                if (op.getKey().startsWith("restore")) {
                    db.execute("DELETE FROM public.big WHERE id > 10");
                }
                List<String> args = new ArrayList<>(List.of("--folder", folder.toString()));
                args.addAll(List.of(op.getValue()));
                long journalBefore = journalSize();
                Process p = CliProcess.start(home, args.toArray(String[]::new));
                int delay;
                if (round % 2 == 0) {
                    delay = 300 + random.nextInt(9000); // any moment from the start, start-up included
                    p.waitFor(delay, TimeUnit.MILLISECONDS);
                } else {
                    // A moment after the operation wrote its intent, i.e. while it creates and fills things.
                    long t0 = System.currentTimeMillis();
                    while (p.isAlive() && journalSize() <= journalBefore && System.currentTimeMillis() - t0 < 60_000) {
                        Thread.sleep(5);
                    }
                    int after = random.nextInt(4000);
                    p.waitFor(after, TimeUnit.MILLISECONDS);
                    delay = (int) (System.currentTimeMillis() - t0);
                }
                boolean hit = p.isAlive();
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                f[0]++;
                f[1] += hit ? 1 : 0;
                RecoveryService recovery = new RecoveryService(store, s -> s.withPassword(TestServer.ADMIN_PASSWORD));
                List<Leftover> left = recovery.find();
                f[2] += left.size();
                System.out.printf("fault %s round %d: killed after %s ms%s, leftovers %s%n", op.getKey(), round, delay,
                        hit ? "" : " (had finished)", left.stream().map(Leftover::describe).toList());
                try {
                    assertEquals(List.of(), recovery.clean().failed());
                    checkWhole(db, server, store, fullRows);
                } catch (AssertionError | RuntimeException e) {
                    f[3]++;
                    throw new AssertionError(op.getKey() + " round " + round + " (seed " + seed + "): " + e.getMessage(), e);
                }
            }
            // Rollback points of replaces that finished are history, not leftovers: discard them between rounds.
            server.dropDerivedDatabases(db.name());
        }
        StringBuilder sb = new StringBuilder("operation | runs | killed while working | leftovers found | left after recover\n");
        figures.forEach((k, f) -> sb.append(k).append(" | ").append(f[0]).append(" | ").append(f[1]).append(" | ")
                .append(f[2]).append(" | ").append(f[3]).append('\n'));
        System.out.println("FAULT TEST (seed " + seed + ")\n" + sb);
        System.out.println(Files.readString(home.resolve("cli-output.log")));
        Files.writeString(Path.of("target", "fault-test.txt"), "seed " + seed + "\n" + sb);
    }

    private long journalSize() {
        try {
            Path j = folder.resolve(Journal.FILE_NAME);
            return Files.exists(j) ? Files.size(j) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private void checkWhole(TestDatabase db, TestServer server, ManifestStore store, long fullRows) throws Exception {
        assertEquals(List.of(), new RecoveryService(store, s -> s.withPassword(TestServer.ADMIN_PASSWORD)).find());
        try (Stream<Path> s = Files.list(folder)) {
            List<String> debris = s.map(x -> x.getFileName().toString())
                    .filter(x -> x.endsWith(".partial") || x.contains(".tmp-") || x.startsWith(".lifeboat-list")
                            || x.startsWith(".lifeboat-data")).toList();
            assertEquals(List.of(), debris);
        }
        Manifest m = store.load();
        assertEquals(List.of(), m.duplicateIds());
        for (BackupEntry e : m.backups()) {
            assertTrue(Files.isRegularFile(store.fileOf(e)), e.file());
            assertTrue(new VerifyService(store, tools).verify(e.effectiveId(), VerifyDepth.QUICK, null,
                    ProgressListener.NONE, CancelToken.none()).passed(), e.effectiveId());
        }
        assertEquals(0, TestServer.queryLong(server.admin(), "SELECT count(*) FROM pg_database WHERE datname LIKE "
                + "'lifeboat\\_verify\\_%' OR datname LIKE '" + db.name().replace("_", "\\_") + "\\_\\_lifeboat\\_%' "
                + "OR (datname = '" + db.name() + "' AND NOT datallowconn)"));
        long rows = db.count("public.big");
        assertTrue(rows == 10 || rows == fullRows, "the target holds all old or all new rows, found " + rows);
    }
}
