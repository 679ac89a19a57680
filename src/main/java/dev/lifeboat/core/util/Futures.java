package dev.lifeboat.core.util;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work started beside an operation, with its failure rethrown as it was thrown. */
public final class Futures {
    private Futures() {
    }

    /**
     * The result of database work run in the background; its SQLException or RuntimeException
     * is rethrown unwrapped, so the caller reports it as if it had run the work itself. Not
     * interruptible: such work is a few statements.
     */
    public static <T> T joinSql(CompletableFuture<T> work) throws SQLException {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }
}
