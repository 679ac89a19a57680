package dev.lifeboat.bench;

import dev.lifeboat.core.destination.PruneCopies;
import dev.lifeboat.core.manifest.BackupDeleter;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CatalogChanges;
import dev.lifeboat.core.manifest.CatalogFixtures;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.EntrySummary;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.VerificationRecord;
import dev.lifeboat.core.retention.RetentionDecision;
import dev.lifeboat.core.retention.RetentionPlanner;
import dev.lifeboat.core.retention.RetentionPolicies;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.ui.manifest.BackupRow;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Catalog benchmark (not a test): builds a folder of N realistic entries and times, each in the JVM
 * it is started in (so cold, as a CLI run is), the catalog part of one operation. Run it with
 * benchmarks/catalog_bench.sh, which also times `list --json` and `list --last 50` end to end.
 */
public final class CatalogBenchmark {
    private CatalogBenchmark() {
    }

    /**
     * Thread CPU and process CPU of each phase (where a catalog operation spends), printed after the operation:
     * made before the timing starts and printing after it ends, so the total wall and CPU time hold none of the
     * benchmark's own work (the beans' first use, a cold JVM's first {@code printf} builds a Formatter).
     */
    private static final class Phases {
        private final List<String> names = new ArrayList<>();
        private final List<long[]> costs = new ArrayList<>();
        private final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        private final com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        // Before the CPU is first read: these beans load classes, no phase's work.
        private final java.lang.management.ClassLoadingMXBean classes =
                java.lang.management.ManagementFactory.getClassLoadingMXBean();
        private long collections;
        private long loaded;
        private long thread;
        private long process;

        Phases() {
            start(); // the beans' first use, before the timing starts
        }

        /** The first phase starts now. */
        void start() {
            collections = collections();
            loaded = classes.getTotalLoadedClassCount();
            thread = threads.getCurrentThreadCpuTime();
            process = os.getProcessCpuTime();
        }

        /** Garbage collections so far (a pause in a phase counts in its wall time and the GC threads' CPU). */
        private static long collections() {
            long n = 0;
            for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                n += Math.max(0, gc.getCollectionCount());
            }
            return n;
        }

        void mark(String phase) {
            long t = threads.getCurrentThreadCpuTime();
            long p = os.getProcessCpuTime();
            long l = classes.getTotalLoadedClassCount();
            long c = collections();
            // Classes loaded by the phase beside its CPU: in a cold JVM a first use costs more than the work.
            names.add(phase);
            costs.add(new long[] {(t - thread) / 1_000_000, (p - process) / 1_000_000, l - loaded, c - collections});
            thread = threads.getCurrentThreadCpuTime();
            process = os.getProcessCpuTime();
            loaded = classes.getTotalLoadedClassCount();
            collections = collections();
        }

        void print() {
            for (int i = 0; i < names.size(); i++) {
                long[] c = costs.get(i);
                System.out.printf(Locale.ROOT, "  %-40s %5d ms thread CPU %5d ms process CPU %4d classes loaded %d GC%n",
                        names.get(i), c[0], c[1], c[2], c[3]);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        Path folder = Path.of(args[1]);
        ManifestStore store = new ManifestStore(folder);
        if (!mode.equals("build")) {
            // By the time a command records its result it has used Jackson and the log (settings, the
            // dump's progress): start those here, away from the folder, so the time below is the catalog's.
            Path scratch = Files.createTempFile("lifeboat-bench", ".json");
            Json.MAPPER.writeValue(scratch.toFile(), CatalogFixtures.realistic(0));
            Json.MAPPER.readValue(scratch.toFile(), BackupEntry.class);
            Files.delete(scratch);
            LoggerFactory.getLogger(CatalogBenchmark.class).info("benchmark {}", mode);
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        Phases phases = new Phases();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        phases.start();
        String what;
        switch (mode) {
            case "build" -> {
                int n = Integer.parseInt(args[2]);
                CatalogFixtures.seed(folder, n);
                what = "build " + n + " entries (" + Files.size(store.manifestFile()) / 1024 + " KB)";
            }
            case "backup" -> {
                // What BackupService does with the catalog once the dump is written.
                int i = Integer.parseInt(args[2]);
                store.add(CatalogFixtures.realistic(i));
                what = "backup: record the new entry";
            }
            case "verify" -> {
                // What VerifyService does: find the entry (whole), later record the outcome.
                BackupEntry e = store.find(args[2]);
                phases.mark("find");
                store.replace(e.effectiveId(), x -> x.withVerification(new VerificationRecord(
                        OffsetDateTime.now().toString(), "quick", CheckStatus.PASS, 0.5, null, List.of(), null)));
                phases.mark("record");
                what = "verify: find " + e.effectiveId() + " and record the outcome";
            }
            case "prune" -> {
                // What PruneService does: finish pending deletes (local and off-site), plan over every
                // backup from the index's few fields, delete what goes (here: the one named).
                BackupDeleter deleter = new BackupDeleter(store);
                new PruneCopies(store).finishPending();
                phases.mark("read facts, finish pending off-site");
                deleter.finishPending();
                phases.mark("finish pending local");
                RetentionPolicies policies = RetentionPolicies.load(folder);
                phases.mark("read retention.json");
                List<RetentionDecision> plan = new RetentionPlanner(ZoneId.systemDefault())
                        .plan(store.retentionFacts(), policies, OffsetDateTime.now());
                phases.mark("plan");
                deleter.delete(args[2]);
                phases.mark("delete one");
                what = "prune: plan over " + plan.size() + " entries and delete one";
            }
            case "health" -> {
                // What `lifeboat health` does: every check over every backup (the files' stats included).
                int n = store.retentionFacts().size() + store.pending().size();
                phases.mark("health: read the catalog (" + n + ")");
                dev.lifeboat.core.health.HealthReport r = new dev.lifeboat.core.health.HealthService(store, db -> null)
                        .check(OffsetDateTime.now());
                phases.mark("health: every check (files stat-ed)");
                what = "health: " + r.checks().size() + " checks, " + r.state();
            }
            case "populate" -> {
                // What the app's model does off the FX thread before it shows the rows.
                CatalogChanges c = store.changesSince(null);
                List<BackupRow> rows = new ArrayList<>(c.summaries().size());
                for (EntrySummary s : c.summaries()) {
                    rows.add(BackupRow.of(s, false));
                }
                what = "app: read " + rows.size() + " rows";
            }
            case "compact" -> {
                store.compact();
                what = "compaction";
            }
            default -> throw new IllegalArgumentException(mode);
        }
        // CPU time (all threads: JIT and GC included) beside the wall time: on a loaded machine the wall
        // time includes waiting for a core, the CPU time does not.
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        phases.print();
        System.out.printf(Locale.ROOT, "%-60s %6d ms wall %6d ms CPU%n", what, wall / 1_000_000, cpu / 1_000_000);
    }
}
