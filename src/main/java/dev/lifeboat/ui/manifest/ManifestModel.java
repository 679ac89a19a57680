package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CatalogChanges;
import dev.lifeboat.core.manifest.EntrySummary;
import dev.lifeboat.core.manifest.JournalChange;
import dev.lifeboat.core.manifest.ManifestStore;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The catalog of the current folder as rows for the table. It follows the catalog on disk: a poll
 * each second asks the store what changed since it last looked; entries another process (a scheduled
 * CLI run) added or changed arrive as journal changes and only those rows change. Reading happens
 * off the FX thread and publishing on it.
 */
public final class ManifestModel {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ManifestModel.class);
    private final ObservableList<BackupRow> rows = FXCollections.observableArrayList();
    private volatile ManifestStore store;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "manifest-watch");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> watch;
    private CatalogChanges.Cursor cursor;

    public ObservableList<BackupRow> rows() {
        return rows;
    }


    public ManifestStore store() {
        return store;
    }

    /** A message when the manifest cannot be read (damaged), else null. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The whole entry behind a row (rows hold a thin summary: no table list, one verification). */
    public BackupEntry full(BackupRow row) {
        try {
            return store.find(row.id());
        } catch (LifeboatException e) {
            // Deleted or unreadable since the row was read: show what the row has; the next poll updates it.
            LOG.warn("{}", e.getMessage());
            return row.entry();
        }
    }

    /** Switches to another backup folder and starts following its manifest. */
    public void open(Path folder) {
        synchronized (this) {
            store = new ManifestStore(folder);
            cursor = null;
        }
        if (watch != null) {
            watch.cancel(false);
        }
        // The first read happens on the watcher thread too: a large manifest never holds up the window.
        watch = poller.scheduleWithFixedDelay(this::pollOnce, 0, 1, TimeUnit.SECONDS);
    }

    /** Reads the manifest again on the watcher thread (never on the FX thread) and publishes the rows. */
    public void reload() {
        poller.execute(this::reloadNow);
    }

    /** Reads every summary again on the calling thread and publishes the rows on the FX thread. */
    public void reloadNow() {
        synchronized (this) {
            cursor = null;
        }
        pollOnce();
    }

    private synchronized void pollOnce() {
        ManifestStore s = store;
        if (s == null) {
            return;
        }
        long t0 = System.nanoTime();
        CatalogChanges changes;
        try {
            changes = s.changesSince(cursor);
        } catch (LifeboatException e) {
            LOG.warn("{}", e.getMessage());
            runOnFx(() -> {
                if (s == store) {
                    problem.set(e.getMessage());
                }
            });
            return;
        }
        cursor = changes.cursor();
        if (changes.isEmpty()) {
            return;
        }
        if (changes.whole()) {
            Set<String> present = filesIn(s.folder());
            List<BackupRow> loaded = new ArrayList<>(changes.summaries().size());
            for (EntrySummary e : changes.summaries()) {
                String file = e.entry().file();
                loaded.add(BackupRow.of(e, file != null && (present.contains(file) || Files.isRegularFile(s.folder().resolve(file)))));
            }
            LOG.info("Backup folder {}: {} backup(s), read in {} ms", s.folder(), loaded.size(),
                    (System.nanoTime() - t0) / 1_000_000);
            runOnFx(() -> {
                if (s == store) {
                    problem.set(null);
                    rows.setAll(loaded);
                }
            });
            return;
        }
        List<Runnable> edits = new ArrayList<>();
        for (JournalChange c : changes.changes()) {
            if (c.entry() != null) {
                BackupEntry e = c.entry();
                BackupRow row = BackupRow.of(e, s.fileExists(e));
                edits.add(() -> put(row));
            } else if (c.id() != null) {
                edits.add(() -> rows.removeIf(r -> r.id().equals(c.id())));
            }
        }
        runOnFx(() -> {
            if (s == store) {
                problem.set(null);
                edits.forEach(Runnable::run);
            }
        });
    }

    /** Replaces the row with the same id, or inserts the new one where newest-first order puts it. */
    private void put(BackupRow row) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(row.id())) {
                rows.set(i, row);
                return;
            }
        }
        int at = 0;
        while (at < rows.size() && !rows.get(at).entry().createdAt().isBefore(row.entry().createdAt())) {
            at++;
        }
        rows.add(at, row);
    }

    /** The names in the folder, read once: one listing instead of a check per backup. */
    private static Set<String> filesIn(Path folder) {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(HashSet::new));
        } catch (IOException e) {
            return Set.of();
        }
    }

    private static void runOnFx(Runnable r) {
        if (Platform.isFxApplicationThread()) {
            r.run();
        } else {
            Platform.runLater(r);
        }
    }

    public void stop() {
        poller.shutdownNow();
    }
}
