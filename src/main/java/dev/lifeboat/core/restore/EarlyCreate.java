package dev.lifeboat.core.restore;

import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.util.LogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The journal's intent and {@code CREATE DATABASE} of a restore's own database (the new one, or a
 * replace's working copy), started on a thread of their own once the plan's server checks found
 * nothing to refuse, while the plan's estimate is made and the plan is printed (decision 011,
 * 2026-12-04 session 12). In that order, as before: a database is journalled before it is created, so
 * {@code recover} finds it after a kill -9. A plan refused after all (or not shown because its
 * printing failed) drops what this made and ends the intent: nothing is left.
 */
final class EarlyCreate {
    private static final Logger LOG = LoggerFactory.getLogger(EarlyCreate.class);

    private final Journal journal;
    private final String opId;
    private final ConnectionSpec server;
    private final MaintenanceConnection link;
    private final CompletableFuture<Journal.Intent> journalled = new CompletableFuture<>();
    private final CompletableFuture<Void> created = new CompletableFuture<>();
    private String database;

    EarlyCreate(Journal journal, String opId, ConnectionSpec server, MaintenanceConnection link) {
        this.journal = journal;
        this.opId = opId;
        this.server = server;
        this.link = link;
    }

    /** Journals and creates {@code working} on the restore's maintenance connection, which nothing else uses meanwhile. */
    void start(String working) {
        if (database != null) {
            return;
        }
        database = working;
        Thread t = new Thread(() -> LogContext.carried(() -> {
            try {
                Journal.Intent intent = journal.begin(OperationRecord.RESTORE, opId);
                intent.database(server, working);
                journalled.complete(intent);
            } catch (RuntimeException e) {
                journalled.completeExceptionally(e);
                created.completeExceptionally(e);
                return null;
            }
            try {
                Databases.create(link.get(), working, null);
                created.complete(null);
            } catch (SQLException | RuntimeException e) {
                created.completeExceptionally(e);
            }
            return null;
        }).get(), "restore-create");
        t.start();
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
                Databases.drop(link.get(), database);
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
