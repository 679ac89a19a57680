package dev.lifeboat.ui.schedule;

import dev.lifeboat.core.FieldError;
import dev.lifeboat.core.schedule.Schedule;
import dev.lifeboat.core.schedule.ScheduleService;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.ui.common.DialogService;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Map;

/**
 * The Schedules screen's state and actions: the schedules with their last runs, read off the FX
 * thread; add (core's first check asks for the password through the app's prompt), remove and run
 * now, each a job of the app's executor. A schedule core refused is never listed.
 */
public final class SchedulesModel {
    private final TaskExecutor executor;
    private final DialogService dialogs;
    private final ScheduleStore store;
    private final ScheduleService service;
    private final OperationTaskFactory runNow;
    private final Runnable afterRun;
    private final ObservableList<Schedule> schedules = FXCollections.observableArrayList();
    /** Held here: a read-only view listened to must live as long as its list (its listener is weak). */
    private final ObservableList<Schedule> schedulesView = FXCollections.unmodifiableObservableList(schedules);
    private final ReadOnlyObjectWrapper<Map<String, ScheduleStore.LastRun>> lastRuns = new ReadOnlyObjectWrapper<>(Map.of());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    /** Makes the job that runs a schedule now (the view model does not know how core runs it). */
    @FunctionalInterface
    public interface OperationTaskFactory {
        OperationTask<String> task(Schedule s);
    }

    public SchedulesModel(TaskExecutor executor, DialogService dialogs, ScheduleStore store, ScheduleService service,
                          OperationTaskFactory runNow, Runnable afterRun) {
        this.executor = executor;
        this.dialogs = dialogs;
        this.store = store;
        this.service = service;
        this.runNow = runNow;
        this.afterRun = afterRun;
    }

    public ObservableList<Schedule> schedules() {
        return schedulesView;
    }

    public ReadOnlyObjectProperty<Map<String, ScheduleStore.LastRun>> lastRunsProperty() {
        return lastRuns.getReadOnlyProperty();
    }

    /** True while an add, remove or run of this screen is under way. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** What the last action did, in words ("Scheduled nightly as …"). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Reads the schedules and their last runs off the FX thread. */
    public void refresh() {
        OperationTask<Object[]> t = new OperationTask<Object[]>("Read schedules", (p, c) ->
                new Object[] {store.list(), store.lastRuns()}).brief();
        t.setOnSucceeded(e -> show(t.getValue()));
        executor.start(t);
    }

    @SuppressWarnings("unchecked")
    private void show(Object[] read) {
        lastRuns.set((Map<String, ScheduleStore.LastRun>) read[1]);
        schedules.setAll((List<Schedule>) read[0]);
    }

    /** The form's fields that are wrong, named; checked before the form closes. */
    public List<FieldError> validate(Schedule draft) {
        return service.validate(draft);
    }

    /** Adds it: first check (asking for the password when needed), save, register with the OS scheduler. */
    public void add(Schedule draft) {
        busy.set(true);
        status.set("Adding schedule " + draft.name() + "\u2026");
        OperationTask<ScheduleService.Added> t = new OperationTask<>("Add schedule " + draft.name(),
                (p, c) -> service.add(draft, true));
        t.setOnSucceeded(e -> {
            busy.set(false);
            status.set("Scheduled " + draft.name() + " (" + draft.time().text() + ") as " + t.getValue().where());
            refresh();
        });
        t.setOnFailed(e -> {
            busy.set(false);
            status.set("Schedule " + draft.name() + " was not added.");
            refresh();
            dialogs.showError("Schedule " + draft.name() + " was not added", t.getException());
        });
        t.setOnCancelled(e -> busy.set(false));
        executor.start(t);
    }

    /** Asks first; unregisters it from the OS scheduler, then forgets it. */
    public void remove(Schedule s) {
        if (s == null || !dialogs.confirm("Remove schedule", "Stop backing up with schedule " + s.name() + "?",
                "Remove " + s.name())) {
            return;
        }
        busy.set(true);
        OperationTask<Void> t = new OperationTask<>("Remove schedule " + s.name(), (p, c) -> {
            service.remove(s.name());
            return null;
        });
        t.setOnSucceeded(e -> {
            busy.set(false);
            status.set("Removed schedule " + s.name() + ".");
            refresh();
        });
        t.setOnFailed(e -> {
            busy.set(false);
            refresh();
            dialogs.showError("Cannot remove schedule " + s.name(), t.getException());
        });
        t.setOnCancelled(e -> busy.set(false));
        executor.start(t);
    }

    /** Runs it now as the OS scheduler would: back up, then verify and prune as set. */
    public void runNow(Schedule s) {
        if (s == null) {
            return;
        }
        OperationTask<String> t = runNow.task(s);
        t.setOnSucceeded(e -> {
            status.set("Schedule " + s.name() + ": " + t.getValue());
            refresh();
            afterRun.run();
        });
        t.setOnFailed(e -> {
            refresh();
            dialogs.showError("The scheduled run failed", t.getException());
        });
        executor.start(t);
    }
}
