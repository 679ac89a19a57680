package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CatalogChanges;
import dev.lifeboat.core.manifest.EntrySummary;
import dev.lifeboat.core.manifest.JournalChange;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.ui.common.FxPulses;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

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
    /** The list behind {@link #rows}: a copy of it is one array copy, not a walk of the observable list. */
    private final List<BackupRow> backing = new ArrayList<>();
    private final ObservableList<BackupRow> rows = FXCollections.observableList(backing);
    private final TaskExecutor executor;
    private volatile ManifestStore store;
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final AtomicBoolean polling = new AtomicBoolean();
    private Timeline watch;
    private CatalogChanges.Cursor cursor;
    /** The folder's first page as the action that shows it (null: none), once read. */
    private CompletableFuture<Runnable> firstPage;
    /** True from opening a folder with a first page until its rows have been drawn. */
    private volatile boolean deferred;
    /** Done to each row as it is read, in the background (texts other columns show and sort by). */
    private volatile Consumer<BackupRow> prepare = r -> { };

    public ManifestModel(TaskExecutor executor) {
        this.executor = executor;
    }

    public ObservableList<BackupRow> rows() {
        return rows;
    }

    /**
     * Has each row read from now on prepared in the background, as it is made: the Copies column's
     * text, made during the first sort by Copies otherwise (60-75 ms of the sort at 35,000 rows).
     */
    public void prepareEachRow(Consumer<BackupRow> prepare) {
        this.prepare = prepare;
    }

    /** A copy of the rows for the table's sorts and filters, one array copy (not a walk of 35,000); FX thread only. */
    List<BackupRow> rowsCopy() {
        return new ArrayList<>(backing);
    }

    /** Where the table's sorts and filters of a large folder run. */
    TaskExecutor executor() {
        return executor;
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
        CompletableFuture<Runnable> head = new CompletableFuture<>();
        synchronized (this) {
            store = new ManifestStore(folder);
            cursor = null;
            firstPage = head;
            deferred = true;
        }
        ManifestStore opened = store;
        // The first read happens in the background too: a large manifest never holds up the window.
        executor.background(() -> {
            Runnable show = null;
            try {
                show = firstPage(opened);
            } finally {
                deferred = show != null; // before the page can be shown (and its pulses clear this)
                head.complete(show); // also when reading failed: the window does not wait for it
            }
            if (show == null) {
                pollOnce();
            } else {
                runOnFx(show);
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

    /**
     * Called on the FX thread just before the window shows: waits at most {@code wait} for the newest
     * rows (the head of the index, read while the window was built) and puts them in the table now,
     * so that the window's first layout lays them out: published later, they arrived behind the
     * window's first style pass and layout and cost a second one. True when they are shown.
     */
    public boolean showFirstPage(java.time.Duration wait) {
        CompletableFuture<Runnable> head;
        synchronized (this) {
            head = firstPage;
        }
        if (head == null) {
            return false;
        }
        try {
            Runnable show = head.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (show != null) {
                show.run(); // the copy queued with runLater finds the rows there and does nothing
            }
            return show != null;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return false; // a slow disk: the rows follow the window as before
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A follow-up read, unless the previous one is still running (a slow disk never piles them up). */
    private void poll() {
        if (deferred) {
            return; // the whole read waits for the first rows to be drawn; the poll would start it early
        }
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
     * The newest rows, from the head of the index, shown first, as the FX-thread action that shows
     * them; every row is read once they have been laid out and drawn (so that reading them does not
     * compete with the window's first pulse). Null when there is no first page (a small folder, or
     * an unreadable one): the caller reads every row at once.
     */
    private Runnable firstPage(ManifestStore s) {
        List<EntrySummary> newest;
        try {
            newest = s.summaries(FIRST_PAGE);
        } catch (LifeboatException e) {
            return null; // the whole read that follows reports it
        }
        if (newest.size() < FIRST_PAGE) {
            return null; // a small folder: the whole read is as quick
        }
        List<BackupRow> page = FolderRows.of(s, newest, prepare);
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            if (s == store && rows.isEmpty()) {
                rows.setAll(page);
            }
            FxPulses.after(2, () -> {
                deferred = false;
                if (s == store) { // not closed or switched meanwhile (a stopped app's executor refuses work)
                    executor.background(this::pollOnce);
                }
            });
        };
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
            List<BackupRow> loaded = FolderRows.of(s, changes.summaries(), prepare);
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
                prepare.accept(row);
                edits.add(() -> FolderRows.put(rows, row));
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
     * Shows every row in one replacement of the list (the first page's rows are among them): the
     * views between the rows and the table (filtered, sorted) take one change, not an insertion
     * below the first page.
     */
    private void publishWhole(List<BackupRow> loaded) {
        rows.setAll(loaded);
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
