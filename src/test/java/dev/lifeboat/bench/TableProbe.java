package dev.lifeboat.bench;

import dev.lifeboat.core.manifest.CatalogFixtures;
import dev.lifeboat.core.settings.SettingsStore;
import dev.lifeboat.ui.LifeboatApp;
import dev.lifeboat.ui.main.MainWindow;
import dev.lifeboat.ui.manifest.BackupRow;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Where the FX thread's time goes on a large folder (not a test; run by benchmarks/ui_bench.sh, or
 * under JFR by hand): each pulse after the window is shown (its CSS and layout time, the rows the
 * table had), when the first rows were laid out, then a sort by every column and a filter keystroke
 * by keystroke, each with the FX thread's CPU time beside the wall time: on a loaded machine the
 * wall time says how long the FX thread waited for a core as well. Each click also says the CPU time
 * of the thread that sorted (the app's debug line), of all the app's background threads (the sort,
 * and Health's check or a poll if they ran meanwhile) and of the whole process (with the JIT's
 * compiler threads and the GC): "wall/FX/sorter/background/process" ms. With
 * {@code -Dprobe.rounds=2} the sorts are clicked twice over, so that the first round's clicks (a cold
 * JIT) can be compared with warm ones.
 */
public final class TableProbe {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static long fxThread;
    /** The debug lines of the table's package: each background sort's own CPU time, and the warm-up's. */
    private static final java.util.concurrent.ConcurrentLinkedDeque<String> LINES = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private TableProbe() {
    }

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 35_000;
        Path home = Files.createTempDirectory("lifeboat-probe-home");
        Path folder = Files.createTempDirectory("lifeboat-probe-folder");
        CatalogFixtures.seed(folder, entries);
        // Writing 35,000 entries leaves ~850 MB of garbage, part of it promoted: collected here, not by
        // pauses of G1's mixed collections during the clicks below (an app opening the folder has none).
        System.gc();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        fxThread = onFx(() -> Thread.currentThread().getId());
        listen();

        List<String> pulses = new ArrayList<>();
        long[] firstRowsLaidOut = {0};
        long[] pre = {0};
        long[] shownAt = {0};
        Stage stage = onFx(Stage::new);
        long t0 = System.nanoTime();
        long cpu0 = fxCpu();
        System.out.println("show at " + LocalTime.now());
        MainWindow window = onFx(() -> {
            MainWindow w = new LifeboatApp().show(stage, new SettingsStore(home), folder);
            Scene scene = stage.getScene();
            TableView<BackupRow> table = w.manifestView().table();
            scene.addPreLayoutPulseListener(() -> pre[0] = System.nanoTime());
            scene.addPostLayoutPulseListener(() -> {
                long now = System.nanoTime();
                int rows = table.getItems().size();
                if (pulses.size() < 40) {
                    pulses.add(String.format(Locale.ROOT, "%d ms: css+layout %d ms, %d rows", (now - t0) / 1_000_000,
                            (now - pre[0]) / 1_000_000, rows));
                }
                if (rows > 0 && firstRowsLaidOut[0] == 0) {
                    firstRowsLaidOut[0] = now;
                }
            });
            return w;
        });
        shownAt[0] = System.nanoTime();
        long cpuShown = fxCpu();
        TableView<BackupRow> table = window.manifestView().table();
        while (firstRowsLaidOut[0] == 0) {
            Thread.sleep(2);
        }
        long cpuFirst = fxCpu();
        System.out.println("first rows laid out at " + LocalTime.now());
        while (onFx(() -> table.getItems().size()) < entries) {
            Thread.sleep(5);
        }
        onFx(() -> {
            table.layout();
            return null;
        });
        long every = System.nanoTime();
        System.out.printf(Locale.ROOT, "window built and shown %d ms (FX CPU %d ms); first rows laid out %d ms after it "
                        + "(FX CPU %d ms); every row %d ms after it%n", (shownAt[0] - t0) / 1_000_000, (cpuShown - cpu0) / 1_000_000,
                (firstRowsLaidOut[0] - shownAt[0]) / 1_000_000, (cpuFirst - cpuShown) / 1_000_000, (every - shownAt[0]) / 1_000_000);
        if (Boolean.getBoolean("probe.select")) {
            // As a person clicks a backup first: the details pane shows it, and each sort selects it again.
            onFx(() -> {
                table.getSelectionModel().select(2);
                return null;
            });
            System.out.println("selected " + onFx(() -> table.getSelectionModel().getSelectedItem()));
        }
        Thread.sleep(1500);
        System.out.println("pulses: " + pulses);
        System.out.println("row height " + onFx(table::getFixedCellSize) + " (fixed)");

        int rounds = Integer.getInteger("probe.rounds", 1);
        for (int round = 1; round <= rounds; round++) {
            LINES.stream().filter(l -> l.startsWith("Sorts warmed")).forEach(l -> System.out.println("sort warm-up: " + l));
            System.out.println("sorts at " + LocalTime.now() + (rounds > 1 ? " (round " + round + ")" : "")
                    + ", each click wall/FX/sorter/background/process ms");
            for (int c = 0; c < onFx(() -> table.getColumns().size()); c++) {
                TableColumn<BackupRow, ?> column = table.getColumns().get(c);
                StringBuilder line = new StringBuilder(column.getText().isEmpty() ? "Pin" : column.getText());
                // What a click on the header does: the column alone, ascending; a second click, descending.
                line.append(" ASCENDING ").append(untilLaidOut(stage.getScene(), table, () -> {
                    column.setSortType(TableColumn.SortType.ASCENDING);
                    table.getSortOrder().setAll(List.of(column));
                }));
                line.append(" DESCENDING ").append(untilLaidOut(stage.getScene(), table,
                        () -> column.setSortType(TableColumn.SortType.DESCENDING)));
                System.out.println("sort " + (rounds > 1 ? round + " " : "") + line);
            }
        }
        onFx(() -> {
            table.getSortOrder().clear();
            return null;
        });
        System.out.println("filter at " + LocalTime.now());
        String typed = "hourly backup 3499";
        StringBuilder keys = new StringBuilder();
        for (int n = 1; n <= typed.length(); n++) {
            String text = typed.substring(0, n);
            keys.append(untilLaidOut(stage.getScene(), table, () -> window.manifestView().search().setText(text))).append(' ');
        }
        keys.append("| clear ").append(untilLaidOut(stage.getScene(), table, () -> window.manifestView().search().setText("")));
        System.out.println("filter keystrokes (wall/FX CPU ms): " + keys);
        LINES.stream().filter(l -> l.startsWith("Health")).forEach(System.out::println);
        System.out.println("done at " + LocalTime.now());
        Platform.exit();
        System.exit(0);
    }

    private static void listen() {
        ch.qos.logback.classic.Logger table = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.lifeboat.ui.manifest");
        table.setLevel(ch.qos.logback.classic.Level.DEBUG);
        ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.AppenderBase<>() {
            @Override
            protected void append(ch.qos.logback.classic.spi.ILoggingEvent e) {
                LINES.add(e.getFormattedMessage());
            }
        };
        lines.setContext(table.getLoggerContext());
        lines.start();
        table.addAppender(lines);
        ch.qos.logback.classic.Logger health = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.lifeboat.ui.health");
        health.setLevel(ch.qos.logback.classic.Level.DEBUG);
        health.addAppender(lines); // when each Health check ran, beside the clicks' times
    }

    /** The CPU ms of the last background sort logged since {@code LINES} was cleared; "-" when it ran on the FX thread. */
    private static String sorterCpu() {
        String cpu = "-";
        for (String l : LINES) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Rows filtered.*\\(CPU (\\d+) ms\\)").matcher(l);
            if (m.find()) {
                cpu = m.group(1);
            }
        }
        return cpu;
    }

    private static long fxCpu() {
        return THREADS.getThreadCpuTime(fxThread);
    }

    /** CPU nanoseconds of every thread so far, by name (and id: pool threads may share a name). */
    private static java.util.Map<String, Long> threadCpu() {
        java.util.Map<String, Long> cpu = new java.util.HashMap<>();
        for (java.lang.management.ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null) {
                cpu.put(t.getThreadName() + "#" + t.getThreadId(), Math.max(0, THREADS.getThreadCpuTime(t.getThreadId())));
            }
        }
        return cpu;
    }

    /** With -Dprobe.threads=true: the threads other than the FX thread that used 20 ms or more since {@code before}. */
    private static String busiest(java.util.Map<String, Long> before) {
        if (!Boolean.getBoolean("probe.threads")) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        threadCpu().forEach((name, ns) -> {
            long ms = (ns - before.getOrDefault(name, 0L)) / 1_000_000;
            if (ms >= 20 && !name.startsWith("JavaFX Application Thread")) {
                b.append(b.length() == 0 ? " [" : ", ").append(name).append(' ').append(ms);
            }
        });
        return b.length() == 0 ? "" : b.append(']').toString();
    }

    /** CPU nanoseconds of the app's background threads (lifeboat-task-*, where large sorts run) so far. */
    private static long backgroundCpu() {
        long sum = 0;
        for (java.lang.management.ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (t != null && t.getThreadName().startsWith("lifeboat-")) {
                sum += Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
            }
        }
        return sum;
    }

    /**
     * Wall, FX-thread, sorting-thread, background-threads and process CPU milliseconds
     * ("wall/fx/sorter/bg/process") from an
     * action (a click's effect) until the table's rows have changed and a pulse has laid them out: what
     * the person waits for, whether the rows change at once or arrive from the background.
     */
    private static String untilLaidOut(Scene scene, TableView<BackupRow> table, Runnable action) throws Exception {
        CompletableFuture<String> done = new CompletableFuture<>();
        Platform.runLater(() -> {
            LINES.removeIf(l -> l.startsWith("Rows filtered"));
            long c = fxCpu();
            long bg = backgroundCpu();
            java.util.Map<String, Long> perThread = threadCpu();
            long proc = OS.getProcessCpuTime();
            long t = System.nanoTime();
            boolean[] changed = {false};
            javafx.collections.ListChangeListener<BackupRow> seen = ch -> changed[0] = true;
            table.getItems().addListener(seen);
            Runnable[] after = new Runnable[1];
            after[0] = () -> {
                if (changed[0]) {
                    scene.removePostLayoutPulseListener(after[0]);
                    table.getItems().removeListener(seen);
                    done.complete((System.nanoTime() - t) / 1_000_000 + "/" + (fxCpu() - c) / 1_000_000 + "/" + sorterCpu() + "/"
                            + (backgroundCpu() - bg) / 1_000_000 + "/" + (OS.getProcessCpuTime() - proc) / 1_000_000
                            + busiest(perThread));
                } else {
                    Platform.requestNextPulse();
                }
            };
            scene.addPostLayoutPulseListener(after[0]);
            action.run();
            Platform.requestNextPulse();
        });
        String r = done.get(120, TimeUnit.SECONDS);
        Thread.sleep(300); // the next action starts on a quiet FX thread (drawn, garbage of this one settled)
        return r;
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }
}
