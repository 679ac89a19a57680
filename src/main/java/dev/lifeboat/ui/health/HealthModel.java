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
    private long lastStart = Long.MIN_VALUE / 2;

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

    /** For tests: a shorter gap between checks that follow changes. */
    void followGap(Duration value) {
        gap = value;
    }

    /**
     * The catalog changed: checks again once the gap since the last check has passed; changes in
     * the meantime are covered by that one check. Call on the FX thread.
     */
    public void changed() {
        if (due != null) {
            return; // one check is due already and will see this change too
        }
        double waitMs = Math.max(SETTLE_MS, lastStart + gap.toMillis() - System.currentTimeMillis());
        due = new PauseTransition(Duration.millis(waitMs));
        due.setOnFinished(e -> {
            due = null;
            refresh();
        });
        due.play();
    }

    /** Runs the checks off the FX thread now (after the one running, if any); call on the FX thread. */
    public void refresh() {
        if (running.get()) {
            again = true; // the next check starts when this one ends: never two at once
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
        lastStart = System.currentTimeMillis();
        running.set(true);
        OperationTask<HealthReport> t = new OperationTask<HealthReport>("Health checks",
                (p, c) -> s.check(OffsetDateTime.now())).brief();
        t.setOnSucceeded(e -> {
            report.set(t.getValue());
            checks.setAll(t.getValue().checks());
            finished();
        });
        t.setOnFailed(e -> finished());
        t.setOnCancelled(e -> finished());
        executor.start(t);
    }

    private void finished() {
        running.set(false);
        if (again) {
            again = false;
            refresh();
        }
    }
}
