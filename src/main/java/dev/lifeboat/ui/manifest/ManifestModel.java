package dev.lifeboat.ui.manifest;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.manifest.ManifestStore;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The manifest of the current folder as rows for the table. It follows the file on disk: a poll
 * each second notices a change made by another process (a scheduled CLI run) and reloads, reading
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
    private volatile String lastStamp = "";

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

    /** Switches to another backup folder and starts following its manifest. */
    public void open(Path folder) {
        store = new ManifestStore(folder);
        lastStamp = null;
        if (watch != null) {
            watch.cancel(false);
        }
        // The first read happens on the watcher thread too: a large manifest never holds up the window.
        watch = poller.scheduleWithFixedDelay(this::pollOnce, 0, 1, TimeUnit.SECONDS);
    }

    /** Reads the manifest on the calling thread and publishes the rows on the FX thread. */
    public void reloadNow() {
        ManifestStore s = store;
        if (s == null) {
            return;
        }
        lastStamp = stamp(s.manifestFile());
        long t0 = System.nanoTime();
        List<BackupRow> loaded = new ArrayList<>();
        String error = null;
        try {
            Manifest m = s.load();
            for (BackupEntry e : m.newestFirst()) {
                loaded.add(BackupRow.of(e, e.file() != null && Files.isRegularFile(s.fileOf(e))));
            }
        } catch (LifeboatException e) {
            error = e.getMessage();
        }
        String err = error;
        if (err == null) {
            LOG.info("Backup folder {}: {} backup(s), read in {} ms", s.folder(), loaded.size(),
                    (System.nanoTime() - t0) / 1_000_000);
        } else {
            LOG.warn("{}", err);
        }
        runOnFx(() -> {
            if (s != store) {
                return;
            }
            problem.set(err);
            if (err == null) {
                rows.setAll(loaded);
            }
        });
    }

    private void pollOnce() {
        ManifestStore s = store;
        if (s != null && !Objects.equals(stamp(s.manifestFile()), lastStamp)) {
            reloadNow();
        }
    }

    private static String stamp(Path file) {
        try {
            FileTime t = Files.getLastModifiedTime(file);
            return t.toMillis() + ":" + Files.size(file);
        } catch (IOException e) {
            return "none";
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
