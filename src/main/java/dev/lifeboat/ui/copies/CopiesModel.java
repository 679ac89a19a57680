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
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Where each backup lives, for the Copies column and the context menu, and the copy actions
 * (copy to, verify a copy at, fetch back from a destination). The table's rows hold thin
 * summaries without copies, so the copies of every entry are read once in the background when
 * the folder is read whole, and taken from each changed entry after that.
 */
public final class CopiesModel {
    private final TaskExecutor executor;
    private final Supplier<ManifestStore> store;
    private final ObservableMap<String, List<CopyRecord>> copies = FXCollections.observableHashMap();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private OperationTask<?> reading;

    public CopiesModel(TaskExecutor executor, Supplier<ManifestStore> store) {
        this.executor = executor;
        this.store = store;
    }

    /** Follows the table's rows: a whole read loads every entry's copies, a single change brings its own. */
    public void follow(ObservableList<BackupRow> rows) {
        rows.addListener((ListChangeListener<BackupRow>) c -> {
            boolean thin = false;
            while (c.next()) {
                for (BackupRow r : c.getAddedSubList()) {
                    // A summary row carries no table list and no copies; a row from the journal is the whole entry.
                    if (r.entry().tables() == null) {
                        thin = true;
                    } else {
                        copies.put(r.id(), r.entry().copyList());
                    }
                }
            }
            if (thin) {
                refresh();
            }
        });
    }

    public ObservableMap<String, List<CopyRecord>> copies() {
        return copies;
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

    /**
     * Reads every entry's copies in the background; a folder without destinations has none to show.
     * A read already under way serves (another process may have copied since: every whole read of
     * the folder brings a fresh one).
     */
    public void refresh() {
        ManifestStore s = store.get();
        if (s == null || destinations().isEmpty()) {
            copies.clear();
            return;
        }
        if (reading != null && reading.isRunning()) {
            return;
        }
        OperationTask<Map<String, List<CopyRecord>>> t = new OperationTask<Map<String, List<CopyRecord>>>("Read off-site copies", (p, c) -> {
            Map<String, List<CopyRecord>> out = new HashMap<>();
            for (BackupEntry e : s.load().backups()) {
                out.put(e.effectiveId(), e.copyList());
            }
            return out;
        }).brief();
        t.setOnSucceeded(e -> {
            copies.clear();
            copies.putAll(t.getValue());
        });
        reading = t;
        executor.start(t);
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
        return list.stream().map(c -> c.destination() + ": " + switch (c.state()) {
            case OK -> "good";
            case FAILED -> "FAILED its check" + (c.detail() == null ? "" : " (" + c.detail() + ")");
            case DELETING -> "being deleted";
        } + ", checked " + (c.lastChecked() == null ? "never" : c.lastChecked()) + ", " + c.key()).collect(Collectors.joining("\n"));
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
