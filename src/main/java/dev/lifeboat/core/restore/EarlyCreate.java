package dev.lifeboat.core.restore;

import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.util.LogContext;
import dev.lifeboat.core.util.Unclaimed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The journal's intent and {@code CREATE DATABASE} of a restore's own database (the new one, or a
 * replace's working copy), started on a thread of their own once the plan's server checks found
 * nothing to refuse, while the plan's estimate is made and the plan is printed (decision 011,
 * 2026-12-04 session 12); or, for {@code restore ID --to CONN --mode new --yes}, made before the plan
 * on the connection opened while the command line is read ({@link #beforePlan}, 2026-12-05 session 13).
 * In that order, as before: a database is journalled before it is created, so {@code recover} finds it
 * after a kill -9. A plan refused after all (or not shown because its printing failed), or a command
 * that never got to its plan, drops what this made and ends the intent: nothing is left.
 */
public final class EarlyCreate {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyCreate.class);
    /** Made before the plan, waiting for the restore to claim it. */
    private static final Unclaimed<EarlyCreate> BEFORE_PLAN = new Unclaimed<>(EarlyCreate::undo);

    private final Journal journal;
    private final String opId;
    private final ConnectionSpec server;
    private final Supplier<Connection> connection;
    private final CompletableFuture<Journal.Intent> journalled = new CompletableFuture<>();
    private final CompletableFuture<Void> created = new CompletableFuture<>();
    private String database;
    /** For one made before the plan: the backup folder it journalled in, and the connection it used. */
    private Path folder;
    private Connection madeOn;
    /** The server's lock table, read on that connection once the database was made (0: not read). */
    private long lockSlots;

    EarlyCreate(Journal journal, String opId, ConnectionSpec server, MaintenanceConnection link) {
        this(journal, opId, server, link::get);
    }

    private EarlyCreate(Journal journal, String opId, ConnectionSpec server, Supplier<Connection> connection) {
        this.journal = journal;
        this.opId = opId;
        this.server = server;
        this.connection = connection;
    }

    /**
     * Journals and creates {@code name} on {@code c} (a connection to {@code server}'s maintenance
     * database), on the calling thread, for a restore into a new database that has not planned yet:
     * the command line asked for one by name and said yes in advance, so the restore that follows
     * claims it ({@link #claim}) and its plan's checks, printing and estimate no longer wait for the
     * server to create it. The plan still refuses what it refused (a refused plan drops it); where the
     * name is taken, {@code CREATE DATABASE} fails here, nothing is dropped, and the plan says so.
     *
     * @return what drops it (and ends the intent) when the connection is closed unused
     */
    public static Runnable beforePlan(Path folder, ConnectionSpec server, Connection c, String name) {
        EarlyCreate early = new EarlyCreate(new Journal(folder), OperationRecord.newId(), server,
                () -> isOpen(c) ? c : Databases.maintenance(server));
        early.folder = folder.toAbsolutePath().normalize();
        early.madeOn = c;
        early.database = name;
        early.journalAndCreate(name);
        if (early.made(name)) {
            early.lockSlots = RestoreStrategy.lockSlots(c); // for a load that starts beside the plan (LoadBesidePlan)
        }
        BEFORE_PLAN.offer(early);
        return EarlyCreate::dropUnclaimed;
    }

    /**
     * The database made before the plan for this restore (the same folder, the same connection, the
     * same name), once; any other is dropped and its intent ended.
     */
    static Optional<EarlyCreate> claim(Path folder, Connection given, String name) {
        return BEFORE_PLAN.claim(early -> given != null && given == early.madeOn
                && early.folder.equals(folder.toAbsolutePath().normalize()) && early.database.equals(name));
    }

    /** Drops a database made before a plan that no restore claimed (the command failed before it planned). */
    public static void dropUnclaimed() {
        BEFORE_PLAN.undoUnclaimed();
    }

    String opId() {
        return opId;
    }

    /** Whether this made its database before the plan, on the connection the restore was given. */
    boolean madeBeforePlan() {
        return folder != null && made(database);
    }

    /** The database it made or makes. */
    String database() {
        return database;
    }

    /** The server's lock table as read once the database was made before the plan; 0 when not read. */
    long lockSlots() {
        return lockSlots;
    }

    /** Whether this made {@code name} before the plan: the plan then does not refuse it as taken. */
    boolean made(String name) {
        return name != null && name.equals(database) && created.isDone() && !created.isCompletedExceptionally();
    }

    private static boolean isOpen(Connection c) {
        try {
            return !c.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    /** Journals and creates {@code working} on the restore's maintenance connection, which nothing else uses meanwhile. */
    void start(String working) {
        if (database != null) {
            return;
        }
        database = working;
        Thread t = new Thread(() -> LogContext.carried(() -> {
            journalAndCreate(working);
            return null;
        }).get(), "restore-create");
        t.start();
    }

    private void journalAndCreate(String working) {
        try {
            Journal.Intent intent = journal.begin(OperationRecord.RESTORE, opId);
            intent.database(server, working);
            journalled.complete(intent);
        } catch (RuntimeException e) {
            journalled.completeExceptionally(e);
            created.completeExceptionally(e);
            return;
        }
        try {
            Databases.create(connection.get(), working, null);
            created.complete(null);
        } catch (SQLException | RuntimeException e) {
            created.completeExceptionally(e);
        }
    }

    boolean started() {
        return database != null;
    }

    /** The intent, once journalled (an unwritable folder throws as {@link Journal#begin} does). */
    Journal.Intent intent() {
        try {
            return journalled.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /** Waits for {@code CREATE DATABASE}; its failure is thrown as it was. */
    void awaitCreated() throws SQLException {
        try {
            created.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while the database was created", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException se) {
                throw se;
            }
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    /**
     * The restore does not go on (a refused plan, a failure before the load): the database this made is
     * dropped and the intent ended. A drop that fails leaves the intent for {@code recover}.
     */
    void undo() {
        if (!started()) {
            return;
        }
        boolean made;
        try {
            awaitCreated();
            made = true;
        } catch (SQLException | RuntimeException e) {
            made = false;
        }
        if (made) {
            try {
                Databases.drop(connection.get(), database);
            } catch (SQLException | RuntimeException e) {
                LOG.warn("Could not drop database {} made for a restore that did not go on: {}. Recovering the folder drops it "
                        + "(its intent is kept), or drop it by hand: DROP DATABASE \"{}\";", database, e.getMessage(), database);
                return;
            }
        }
        try {
            intent().end();
        } catch (RuntimeException e) {
            LOG.debug("No intent to end: {}", e.getMessage());
        }
    }
}
