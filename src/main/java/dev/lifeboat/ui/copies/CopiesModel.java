package dev.lifeboat.ui.copies;

import dev.lifeboat.core.destination.CopyService;
import dev.lifeboat.core.destination.DestinationConfig;
import dev.lifeboat.core.destination.DestinationStore;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CopyRecord;
import dev.lifeboat.core.manifest.CopyState;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.TaskExecutor;
import dev.lifeboat.ui.manifest.BackupRow;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.application.Platform;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where each backup lives, for the Copies column and the context menu, and the copy actions
 * (copy to, verify a copy at, fetch back from a destination). Each row's summary carries its copies'
 * destinations and states, which is all the column shows; the tooltip's key and checked time are in
 * the whole entry, read in the background when the tooltip is about to show.
 */
public final class CopiesModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(CopiesModel.class);
    private final TaskExecutor executor;
    private final Supplier<ManifestStore> store;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public CopiesModel(TaskExecutor executor, Supplier<ManifestStore> store) {
        this.executor = executor;
        this.store = store;
    }

    /** The row's copies as its summary has them (destination and state; no key or checked time). */
    public static List<CopyRecord> copiesOf(BackupRow row) {
        return row.entry().copyList();
    }

    /** The Copies column's text for a row, made once per row and kept with it; any thread. */
    public String text(BackupRow row) {
        return row.copiesText(r -> summary(r.fileExists(), copiesOf(r)));
    }

    /**
     * The tooltip of a row's copies: at once what the summary knows, then (read in the background,
     * given on the FX thread) each copy's key and last check from the whole entry.
     */
    public void tooltip(BackupRow row, Consumer<String> show) {
        List<CopyRecord> known = copiesOf(row);
        show.accept(tooltip(known));
        ManifestStore s = store.get();
        if (known.isEmpty() || s == null) {
            return;
        }
        executor.background(() -> {
            String whole;
            try {
                whole = tooltip(s.find(row.id()).copyList());
            } catch (RuntimeException e) {
                LOG.warn("{}", e.getMessage()); // deleted since: the summary's text stays
                return;
            }
            Platform.runLater(() -> show.accept(whole));
        });
    }

    /** The last action's outcome in words ("✔ …" / "✖ …"). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The folder's destinations, read from its small destinations.json. */
    public List<DestinationConfig> destinations() {
        ManifestStore s = store.get();
        return s == null ? List.of() : new DestinationStore(s.folder()).all();
    }

    /** "local + offsite ✓" (or "local + 2 off-site ✖" when one of several failed) for the column. */
    public static String summary(boolean fileExists, List<CopyRecord> list) {
        List<CopyRecord> live = list == null ? List.of() : list.stream().filter(c -> c.state() != CopyState.DELETING).toList();
        String remote = live.size() > 1
                ? live.size() + " off-site" + (live.stream().allMatch(CopyRecord::isOk) ? " \u2713" : " \u2716")
                : live.stream().map(c -> c.destination() + (c.isOk() ? " \u2713" : " \u2716")).collect(Collectors.joining());
        String local = fileExists ? "local" : "";
        return local.isEmpty() ? (remote.isEmpty() ? "\u2014" : remote) : remote.isEmpty() ? local : local + " + " + remote;
    }

    /** One line per copy: destination, state, when it was last checked, and its key. */
    public static String tooltip(List<CopyRecord> list) {
        if (list == null || list.isEmpty()) {
            return "No off-site copy: this backup exists only in this folder.";
        }
        return list.stream().map(c -> c.destination() + ": " + (c.state() == null ? "state not recorded" : switch (c.state()) {
            case OK -> "good";
            case FAILED -> "FAILED its check" + (c.detail() == null ? "" : " (" + c.detail() + ")");
            case DELETING -> "being deleted";
        }) + (c.key() == null ? "" : ", checked " + (c.lastChecked() == null ? "never" : c.lastChecked()) + ", " + c.key()))
                .collect(Collectors.joining("\n"));
    }

    /** Uploads the backup, reads it back, records it; progress shows in the Operations panel. */
    public void copyTo(String id, String destination) {
        ManifestStore s = store.get();
        run("Copy " + id + " to " + destination, (p, c) -> {
            CopyRecord r = new CopyService(s).copy(id, destination, p, c);
            return "\u2714 " + id + " copied to " + destination + " and read back (SHA-256 " + r.hash().substring(0, 12) + "\u2026).";
        }, null);
    }

    /** Reads the copy back and compares it with the manifest. */
    public void verifyAt(String id, String destination) {
        ManifestStore s = store.get();
        run("Verify the copy of " + id + " at " + destination, (p, c) -> {
            CopyService.CopyCheck r = new CopyService(s).check(id, destination, p, c);
            return (r.passed() ? "\u2714 " : "\u2716 ") + "The copy of " + id + " at " + destination + ": " + r.detail() + ".";
        }, null);
    }

    /** Brings the file back from the copy (checked against the manifest), then hands the id on to restore it. */
    public void restoreFrom(String id, String destination, Consumer<String> thenRestore) {
        ManifestStore s = store.get();
        run("Fetch " + id + " from " + destination, (p, c) -> {
            new CopyService(s).fetch(id, destination, p, c);
            return "\u2714 " + id + " fetched back from " + destination + " and matched the manifest.";
        }, () -> thenRestore.accept(id));
    }

    /**
     * Copies a new backup on, inside its backup task (so the upload shows as that task's progress):
     * to the destinations named, or, for null, to the folder's automatic ones. Returns the failures.
     */
    public static List<String> copyAfterBackup(ManifestStore store, BackupEntry entry, List<String> copyTo,
                                               dev.lifeboat.core.ProgressListener progress, dev.lifeboat.core.CancelToken cancel) {
        if (copyTo != null && copyTo.isEmpty()) {
            return List.of();
        }
        return new CopyService(store).copyToAll(entry.effectiveId(), copyTo, progress, cancel).stream()
                .filter(o -> o.failure() != null).map(o -> o.destination() + ": " + o.failure().getMessage()).toList();
    }

    private void run(String title, OperationTask.Work<String> work, Runnable after) {
        OperationTask<String> t = new OperationTask<>(title, work);
        t.setOnSucceeded(e -> {
            status.set(t.getValue());
            if (after != null) {
                after.run();
            }
        });
        t.setOnFailed(e -> status.set("\u2716 " + t.getException().getMessage()));
        executor.start(t);
    }
}
