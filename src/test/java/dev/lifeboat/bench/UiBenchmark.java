package dev.lifeboat.bench;

import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.settings.SettingsStore;
import dev.lifeboat.ui.LifeboatApp;
import dev.lifeboat.ui.log.LogBus;
import dev.lifeboat.ui.main.MainWindow;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UI responsiveness benchmark (not a test): a 10,000-entry manifest opened, sorted and filtered,
 * and the longest FX-thread pause while log lines stream in (and, with BENCH_PG_URL, while a real
 * backup runs). Run it with benchmarks/ui_bench.sh.
 */
public final class UiBenchmark {
    private UiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path home = Files.createTempDirectory("lifeboat-bench-home");
        Path folder = Files.createTempDirectory("lifeboat-bench-folder");
        List<BackupEntry> list = new ArrayList<>(entries);
        for (int i = 0; i < entries; i++) {
            String id = String.format("db%02d_%08d", i % 37, i);
            list.add(new BackupEntry(id, "20260101_000000", String.format("2026-%02d-%02dT%02d:%02d:00Z", 1 + i % 12,
                    1 + i % 28, i % 24, i % 60), "db" + (i % 37), "localhost", 5432, "u", "backup number " + i,
                    List.of(i % 3 == 0 ? "scheduled" : "manual"), "manual", id + ".dump", "custom", 1000L + i, 0.0, "00",
                    "SHA-256", 3, "exact", List.of(new TableStat("public", "t", (long) i, 10L)), "15.15", 150015, "15.18",
                    1L, 1.0, 10, null, null, null, false, List.of(), null));
        }
        new ManifestStore(folder).update(m -> new Manifest(Manifest.FORMAT_VERSION, null, list, null, null));
        System.out.printf("manifest: %d entries, %d KB%n", entries,
                Files.size(folder.resolve(ManifestStore.FILE_NAME)) / 1024);

        long r0 = System.nanoTime();
        int read = new ManifestStore(folder).load().newestFirst().size();
        System.out.printf(Locale.ROOT, "manifest read and sorted (cold JVM): %d entries in %d ms%n", read,
                (System.nanoTime() - r0) / 1_000_000);
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);

        long t0 = System.nanoTime();
        MainWindow[] window = new MainWindow[1];
        onFx(() -> window[0] = new LifeboatApp().show(new Stage(), new SettingsStore(home), folder));
        long shown = System.nanoTime();
        System.out.printf(Locale.ROOT, "window shown: %d ms%n", (shown - t0) / 1_000_000);
        TableView<dev.lifeboat.ui.manifest.BackupRow> table = window[0].manifestView().table();
        while (onFxGet(() -> table.getItems().size()) == 0) {
            Thread.sleep(5);
        }
        System.out.printf(Locale.ROOT, "first rows (the newest %d) %d ms after the window%n",
                onFxGet(() -> table.getItems().size()), (System.nanoTime() - shown) / 1_000_000);
        while (onFxGet(() -> table.getItems().size()) < entries) {
            Thread.sleep(5);
        }
        onFx(() -> table.layout());
        System.out.printf(Locale.ROOT, "every row %d ms after the window (%d ms from the start)%n",
                (System.nanoTime() - shown) / 1_000_000, (System.nanoTime() - t0) / 1_000_000);

        PauseMeter meter = new PauseMeter();
        onFx(meter::start);
        long sortMs = timeOnFx(() -> {
            TableColumn<dev.lifeboat.ui.manifest.BackupRow, ?> description = table.getColumns().get(3);
            table.getSortOrder().setAll(List.of(description));
            table.sort();
            table.layout();
        });
        System.out.printf(Locale.ROOT, "sort 10k rows by description: %d ms%n", sortMs);
        long filterMs = timeOnFx(() -> {
            window[0].manifestView().search().setText("number 99");
            table.layout();
        });
        System.out.printf(Locale.ROOT, "filter as you type (\"number 99\" -> %d rows): %d ms%n",
                onFxGet(() -> table.getItems().size()), filterMs);
        onFx(() -> window[0].manifestView().search().setText(""));

        // A burst of log lines, faster than any pg_dump writes them.
        meter.reset();
        long lines = 200_000;
        long s0 = System.nanoTime();
        org.slf4j.Logger log = LoggerFactory.getLogger("pg.pg_dump");
        for (int i = 0; i < lines; i++) {
            log.info("pg_dump: dumping contents of table \"public.t{}\"", i);
        }
        double seconds = (System.nanoTime() - s0) / 1e9;
        Thread.sleep(1500);
        System.out.printf(Locale.ROOT, "log burst: %d lines in %.2f s (%.0f lines/s); longest FX pause %d ms, log pane "
                        + "holds %d lines, dropped %d%n", lines, seconds, lines / seconds, meter.longestMs(),
                onFxGet(() -> window[0].logPane().lines().size()), LogBus.dropped());

        String url = System.getenv("BENCH_PG_URL");
        if (url != null && !url.isBlank()) {
            meter.reset();
            ConnectionSpec db = ConnectionSpec.parse(url.substring(0, url.lastIndexOf('/')) + "/lifeboat_bench");
            long b0 = System.nanoTime();
            CompletableFuture<Void> done = new CompletableFuture<>();
            onFx(() -> {
                var task = window[0].controller().backup().start(BackupRequest.of(db, "ui benchmark"));
                task.setOnSucceeded(e -> done.complete(null));
                task.setOnFailed(e -> done.completeExceptionally(task.getException()));
            });
            done.get(600, TimeUnit.SECONDS);
            System.out.printf(Locale.ROOT, "real backup of lifeboat_bench from the app: %.1f s; longest FX pause %d ms%n",
                    (System.nanoTime() - b0) / 1e9, meter.longestMs());
        }
        Platform.exit();
        System.exit(0);
    }

    /** Measures the longest gap between two FX pulses: what a person would see as a stall. */
    private static final class PauseMeter {
        private final AtomicLong last = new AtomicLong();
        private final AtomicLong longest = new AtomicLong();
        private final AnimationTimer timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long prev = last.getAndSet(now);
                if (prev != 0) {
                    longest.accumulateAndGet(now - prev, Math::max);
                }
            }
        };

        void start() {
            timer.start();
        }

        void reset() {
            last.set(0);
            longest.set(0);
        }

        long longestMs() {
            return longest.get() / 1_000_000;
        }
    }

    private static long timeOnFx(Runnable r) throws Exception {
        CompletableFuture<Long> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            long t = System.nanoTime();
            r.run();
            f.complete((System.nanoTime() - t) / 1_000_000);
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    private static void onFx(Runnable r) throws Exception {
        timeOnFx(r);
    }

    private static <T> T onFxGet(java.util.concurrent.Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(c.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

}
