package dev.lifeboat.ui.health;

import dev.lifeboat.core.health.HealthCheck;
import dev.lifeboat.core.health.HealthReport;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.util.Duration;

import java.time.OffsetDateTime;
import java.util.function.Supplier;

/**
 * The Health screen's state: the last report and its checks, each with the remedy core gave it.
 * The checks read the manifest and the folder, so they run as a job of the app's executor. They
 * follow the catalog's changes ({@link #changed}) at most once per {@link #FOLLOW_GAP}, never two at
 * once: at 35,000 backups a check looks at every file, and a folder being read or a CLI adding
 * entries changes the rows many times a minute.
 */
public final class HealthModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HealthModel.class);
    private final TaskExecutor executor;
    private final Supplier<HealthService> service;
    private final ReadOnlyObjectWrapper<HealthReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<HealthCheck> checks = FXCollections.observableArrayList();
    /** Held here: a read-only view listened to must live as long as its list (its listener is weak). */
    private final ObservableList<HealthCheck> checksView = FXCollections.unmodifiableObservableList(checks);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    /** The least time between two checks that follow changes (a refresh asked for runs at once). */
    static final Duration FOLLOW_GAP = Duration.seconds(10);
    /** How long changes settle before a check: a folder read in pages (newest first, then all) is one. */
    private static final double SETTLE_MS = 1000;
    private Duration gap = FOLLOW_GAP;
    private PauseTransition due;
    private boolean again;
    /** The check asked for again is a refresh asked for, not one that follows changes. */
    private boolean againAsked;
    /** The folder's stamp when the shown report's check began (null: unknown); see {@link dev.lifeboat.core.health.CatalogStamp}. */
    private String checkedStamp;
    private long lastStart = Long.MIN_VALUE / 2;
    /** True while the table is sorting or filtering and drawing the result: a check that follows changes waits. */
    private ObservableBooleanValue busy;
    /** A check that follows changes came due while {@link #busy}: it starts when that ends. */
    private boolean held;

    /** @param service the checks of the folder open now, or null when none is */
    public HealthModel(TaskExecutor executor, Supplier<HealthService> service) {
        this.executor = executor;
        this.service = service;
    }

    /** The last report; null before the first check. */
    public ReadOnlyObjectProperty<HealthReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ObservableList<HealthCheck> checks() {
        return checksView;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /**
     * Checks that follow changes do not start while {@code busy} is true, but as soon as it turns false: a sort
     * clicked at 35,000 backups wants both cores until it is drawn, and a check is not urgent. A refresh asked
     * for still runs at once. Call on the FX thread.
     */
    public void holdWhile(ObservableBooleanValue busy) {
        this.busy = busy;
        busy.addListener((o, was, is) -> {
            if (!is && held) {
                held = false;
                start(false);
            }
        });
    }

    /** For tests: a shorter gap between checks that follow changes. */
    void followGap(Duration value) {
        gap = value;
    }

    /**
     * The catalog changed: checks again once the gap since the last check has passed; changes in
     * the meantime are covered by that one check. Call on the FX thread.
     */
    public void changed() {
        if (due != null || held) {
            return; // one check is due already and will see this change too
        }
        double waitMs = Math.max(SETTLE_MS, lastStart + gap.toMillis() - System.currentTimeMillis());
        due = new PauseTransition(Duration.millis(waitMs));
        due.setOnFinished(e -> {
            due = null;
            if (busy != null && busy.get()) {
                held = true; // started when the table has drawn its sort: still at most one check per gap
            } else {
                start(false);
            }
        });
        due.play();
    }

    /** Runs the checks off the FX thread now (after the one running, if any); call on the FX thread. */
    public void refresh() {
        start(true);
    }

    /**
     * @param asked a refresh asked for; one that follows changes is skipped when the folder's stamp says the
     *              catalog and the folder are as they were for the last check (the rows of the same catalog read
     *              again: a first page, then every row)
     */
    private void start(boolean asked) {
        if (running.get()) {
            again = true; // the next check starts when this one ends: never two at once
            againAsked |= asked;
            return;
        }
        HealthService s = service.get();
        if (s == null) {
            return;
        }
        if (due != null) {
            due.stop(); // this check covers the changes it waited for
            due = null;
        }
        held = false;
        lastStart = System.currentTimeMillis();
        running.set(true);
        String unchangedSince = asked || report.get() == null ? null : checkedStamp;
        OperationTask<Checked> t = new OperationTask<Checked>("Health checks", (p, c) -> {
            String stamp = s.stamp();
            if (stamp != null && stamp.equals(unchangedSince)) {
                LOG.debug("Health not checked again: the catalog and the folder are as they were");
                return new Checked(stamp, null);
            }
            return new Checked(stamp, timed(s));
        }).brief();
        t.setOnSucceeded(e -> {
            Checked done = t.getValue();
            if (done.report() != null) {
                checkedStamp = done.stamp();
                report.set(done.report());
                // What needs doing first: a WARNING headline over a screenful of OK rows hid the warning.
                checks.setAll(done.report().checks().stream()
                        .sorted(java.util.Comparator.comparing(HealthCheck::state).reversed()).toList());
            }
            finished();
        });
        t.setOnFailed(e -> finished());
        t.setOnCancelled(e -> finished());
        executor.start(t);
    }

    /** A check's report (null when skipped: nothing changed) and the folder's stamp taken before it. */
    private record Checked(String stamp, HealthReport report) {
    }

    /** The check; its time and CPU at debug level (a benchmark sets them beside the clicks it times). */
    private static HealthReport timed(HealthService s) {
        if (!LOG.isDebugEnabled()) {
            return s.check(OffsetDateTime.now());
        }
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        java.time.LocalTime start = java.time.LocalTime.now();
        long t0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        HealthReport r = s.check(OffsetDateTime.now());
        LOG.debug("Health checked from {} to {}: {} ms (CPU {} ms)", start, java.time.LocalTime.now(),
                (System.nanoTime() - t0) / 1_000_000, (threads.getCurrentThreadCpuTime() - cpu0) / 1_000_000);
        return r;
    }

    private void finished() {
        running.set(false);
        if (again) {
            boolean asked = againAsked;
            again = false;
            againAsked = false;
            start(asked);
        }
    }
}
