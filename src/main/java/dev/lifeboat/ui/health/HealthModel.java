package dev.lifeboat.ui.health;

import dev.lifeboat.core.health.HealthCheck;
import dev.lifeboat.core.health.HealthReport;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.OffsetDateTime;
import java.util.function.Supplier;

/**
 * The Health screen's state: the last report and its checks, each with the remedy core gave it.
 * The checks read the manifest and the folder, so they run as a job of the app's executor.
 */
public final class HealthModel {
    private final TaskExecutor executor;
    private final Supplier<HealthService> service;
    private final ReadOnlyObjectWrapper<HealthReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<HealthCheck> checks = FXCollections.observableArrayList();
    /** Held here: a read-only view listened to must live as long as its list (its listener is weak). */
    private final ObservableList<HealthCheck> checksView = FXCollections.unmodifiableObservableList(checks);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);

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

    /** Runs the checks off the FX thread; call on the FX thread. */
    public void refresh() {
        HealthService s = service.get();
        if (s == null) {
            return;
        }
        running.set(true);
        OperationTask<HealthReport> t = new OperationTask<HealthReport>("Health checks",
                (p, c) -> s.check(OffsetDateTime.now())).brief();
        t.setOnSucceeded(e -> {
            running.set(false);
            report.set(t.getValue());
            checks.setAll(t.getValue().checks());
        });
        t.setOnFailed(e -> running.set(false));
        t.setOnCancelled(e -> running.set(false));
        executor.start(t);
    }
}
