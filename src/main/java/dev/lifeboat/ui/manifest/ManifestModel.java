package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CatalogChanges;
import dev.lifeboat.core.manifest.EntrySummary;
import dev.lifeboat.core.manifest.JournalChange;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The catalog of the current folder as rows for the table. Opening a folder shows the newest
 * {@value #FIRST_PAGE} rows first (read from the head of the catalog's index, in milliseconds),
 * then every row. It follows the catalog on disk: a poll each second asks the store what changed
 * since it last looked; entries another process (a scheduled CLI run) added or changed arrive as
 * journal changes and only those rows change. Reading happens in the background through the app's
 * {@link TaskExecutor}, publishing on the FX thread; rows hold summaries, whole entries are read
 * when one is asked for ({@link #full}).
 */
public final class ManifestModel {
    /** Rows shown before the rest of a large folder is read: more than a window holds. */
    static final int FIRST_PAGE = 200;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ManifestModel.class);
    private final ObservableList<BackupRow> rows = FXCollections.observableArrayList();
    private final TaskExecutor executor;
    private volatile ManifestStore store;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final AtomicBoolean polling = new AtomicBoolean();
    private Timeline watch;
    private CatalogChanges.Cursor cursor;

    public ManifestModel(TaskExecutor executor) {
        this.executor = executor;
    }

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
        ManifestStore opened = store;
        // The first read happens in the background too: a large manifest never holds up the window.
        executor.background(() -> {
            if (!firstPage(opened)) {
                pollOnce();
            }
        });
        runOnFx(() -> {
            if (watch == null) {
                watch = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), e -> poll()));
                watch.setCycleCount(Animation.INDEFINITE);
                watch.play();
            }
        });
    }

    /** A follow-up read, unless the previous one is still running (a slow disk never piles them up). */
    private void poll() {
        if (polling.compareAndSet(false, true)) {
            executor.background(() -> {
                try {
                    pollOnce();
                } finally {
                    polling.set(false);
                }
            });
        }
    }

    /** Reads the manifest again in the background (never on the FX thread) and publishes the rows. */
    public void reload() {
        executor.background(this::reloadNow);
    }

    /**
     * The newest rows, from the head of the index, shown first; every row is read once they are on the
     * FX thread (so that reading them does not compete with building the window). False when there is
     * no first page (a small folder, or an unreadable one): the caller reads every row at once.
     */
    private boolean firstPage(ManifestStore s) {
        List<EntrySummary> newest;
        try {
            newest = s.summaries(FIRST_PAGE);
        } catch (LifeboatException e) {
            return false; // the whole read that follows reports it
        }
        if (newest.size() < FIRST_PAGE) {
            return false; // a small folder: the whole read is as quick
        }
        Set<String> present = filesIn(s.folder());
        List<BackupRow> page = new ArrayList<>(newest.size());
        for (EntrySummary e : newest) {
            page.add(BackupRow.of(e, exists(s, present, e.entry().file())));
        }
        runOnFx(() -> {
            if (s == store && rows.isEmpty()) {
                rows.setAll(page);
            }
            executor.background(this::pollOnce);
        });
        return true;
    }

    private static boolean exists(ManifestStore s, Set<String> present, String file) {
        return file != null && (present.contains(file) || Files.isRegularFile(s.folder().resolve(file)));
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
                loaded.add(BackupRow.of(e, exists(s, present, e.entry().file())));
            }
            LOG.info("Backup folder {}: {} backup(s), read in {} ms", s.folder(), loaded.size(),
                    (System.nanoTime() - t0) / 1_000_000);
            runOnFx(() -> {
                if (s == store) {
                    problem.set(null);
                    publishWhole(loaded);
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

    /**
     * Shows every row: when the table shows the newest rows of this same reading (the first page),
     * the others are appended below them, so the table neither jumps nor rebuilds what it shows.
     */
    private void publishWhole(List<BackupRow> loaded) {
        int n = rows.size();
        boolean head = n > 0 && n <= loaded.size();
        for (int i = 0; head && i < n; i++) {
            head = rows.get(i).entry().equals(loaded.get(i).entry()) && rows.get(i).fileExists() == loaded.get(i).fileExists();
        }
        if (head) {
            rows.addAll(loaded.subList(n, loaded.size()));
        } else {
            rows.setAll(loaded);
        }
    }

    /** Replaces the row with the same id, or inserts the new one where newest-first order puts it. */
    private void put(BackupRow row) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(row.id())) {
                rows.set(i, row);
                return;
            }
        }
        int at = 0; // usually the newest backup: found at the first comparison
        while (at < rows.size() && !rows.get(at).createdAt().isBefore(row.createdAt())) {
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
        runOnFx(() -> {
            if (watch != null) {
                watch.stop();
            }
        });
        store = null;
    }
}
