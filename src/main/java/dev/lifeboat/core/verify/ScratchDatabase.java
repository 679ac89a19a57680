package dev.lifeboat.core.verify;

import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.util.Futures;
import dev.lifeboat.core.util.LogContext;
import dev.lifeboat.core.util.Unclaimed;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The scratch database of a full verify: named in the folder's journal and created on a thread
 * of its own, so that creating it overlaps the checks of the file; dropped on another thread
 * once the test restore is done (or was never run), the journal's intent ending only after the
 * drop, so that 'recover' still finds the database after a kill.
 */
final class ScratchDatabase {
    /** Made before the verify, waiting for it to claim it. */
    private static final Unclaimed<ScratchDatabase> BEFORE_VERIFY = new Unclaimed<>(ScratchDatabase::discard);

    final ConnectionSpec server;
    final String name = "lifeboat_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private final CompletableFuture<Long> lockSlots = new CompletableFuture<>();
    private final ManifestStore store;
    private volatile Journal.Intent intent;
    private volatile boolean created;

    ScratchDatabase(ManifestStore store, ConnectionSpec server) {
        this.store = store;
        this.server = server;
    }

    ScratchDatabase start() {
        Supplier<Void> work = LogContext.carried(() -> {
            try (Connection c = Databases.maintenance(server)) {
                journalAndCreate(c);
            } catch (RuntimeException e) {
                lockSlots.completeExceptionally(e);
            } catch (SQLException e) {
                lockSlots.completeExceptionally(e); // closing it failed: nothing was lost
            }
            return null;
        });
        new Thread(work::get, "create-scratch").start();
        return this;
    }

    /**
     * Journals and creates a scratch database on {@code c} (a connection to {@code server}'s maintenance
     * database), on the calling thread, for {@code verify ID --depth full} whose command line is still
     * being read (decision 011): the verify claims it ({@link #claimOrStart}) rather than waiting for the
     * server to create one. One no verify claims is dropped ({@link #dropUnclaimed}).
     *
     * @return what drops it (and ends its intent) when the connection is closed unused
     */
    static Runnable beforeVerify(Path folder, ConnectionSpec server, Connection c) {
        ScratchDatabase early = new ScratchDatabase(new ManifestStore(folder), server);
        try {
            early.journalAndCreate(c);
        } catch (RuntimeException e) {
            early.lockSlots.completeExceptionally(e);
        }
        BEFORE_VERIFY.offer(early);
        return ScratchDatabase::dropUnclaimed;
    }

    /**
     * The scratch database made before this verify for the same folder and server, else a new one
     * started; one made for another (or whose creation failed) is dropped.
     */
    static ScratchDatabase claimOrStart(ManifestStore store, ConnectionSpec server) {
        Path folder = store.folder().toAbsolutePath().normalize();
        return BEFORE_VERIFY.claim(early -> early.created && sameServer(early.server, server)
                        && early.store.folder().toAbsolutePath().normalize().equals(folder))
                .orElseGet(() -> new ScratchDatabase(store, server).start());
    }

    /** Drops a scratch database made before a verify that never claimed it (it failed before its test restore). */
    static void dropUnclaimed() {
        BEFORE_VERIFY.undoUnclaimed();
    }

    private static void discard(ScratchDatabase s) {
        awaitDrops(List.of(s.dropInBackground()));
    }

    private static boolean sameServer(ConnectionSpec a, ConnectionSpec b) {
        return Objects.equals(a.host(), b.host()) && a.port() == b.port() && Objects.equals(a.user(), b.user());
    }

    /** In that order: a database is journalled before it is created, so that 'recover' finds it after a kill. */
    private void journalAndCreate(Connection c) {
        try {
            intent = journal().begin("verify").database(server, name);
            Databases.create(c, name, null);
            created = true;
            lockSlots.complete(RestoreStrategy.lockSlots(c));
        } catch (SQLException e) {
            lockSlots.completeExceptionally(e);
        }
    }

    /** The server's lock slots once the database exists; the creation's own failure, as it was thrown. */
    long await() throws SQLException {
        return Futures.joinSql(lockSlots);
    }

    Thread dropInBackground() {
        Supplier<Void> work = LogContext.carried(() -> {
            lockSlots.exceptionally(e -> 0L).join(); // a creation still running finishes first
            if (created) {
                Databases.dropQuietly(server, name);
            }
            if (intent != null) {
                intent.end();
            }
            return null;
        });
        Thread t = new Thread(work::get, "drop-scratch");
        t.start();
        return t;
    }

    /**
     * The folder's journal, where the scratch database is named before it is created, so that
     * 'recover' finds it after a kill. A folder Lifeboat cannot write makes the test restore
     * "could not verify" with that reason (quick and archive verification only read).
     */
    private Journal journal() {
        return new Journal(store.folder());
    }

    /** Waits for the scratch database's drop: the command ends only when it is gone (or 'recover' knows of it). */
    static void awaitDrops(List<Thread> dropping) {
        boolean interrupted = false;
        for (Thread t : dropping) {
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true; // the drop is short and must finish; the interruption is kept
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
