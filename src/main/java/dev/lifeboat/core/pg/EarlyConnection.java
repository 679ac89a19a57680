package dev.lifeboat.core.pg;

import dev.lifeboat.core.util.Unclaimed;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One connection opened on another thread while the command line is still being read: a cold JVM
 * spends 80-100 ms of CPU in its first connection (twice that with scram-sha-256), which a backup
 * otherwise pays on its way to pg_dump. {@link Credentials} takes it when it connects to the same
 * server, database and user with the same password, and takes a failure the same way (a wrong
 * password is tried once, not twice). Anything else closes it unused.
 */
public final class EarlyConnection {
    private static final Unclaimed<EarlyConnection> PENDING = new Unclaimed<>(EarlyConnection::discard);

    private final CompletableFuture<ConnectionSpec> spec = new CompletableFuture<>();
    private final CompletableFuture<Connection> attempt = new CompletableFuture<>();
    /** Set before the attempt completes; run when the connection is closed unused. */
    private volatile Runnable undo = () -> { };

    private EarlyConnection() {
    }

    /**
     * Starts, on another thread, working out the spec (a saved connection's name is looked up in the
     * settings) and connecting to it as {@link Pg#connect} does, its password resolved as the password
     * check resolves it. A spec that cannot be worked out leaves nothing to take: the command reports it.
     */
    public static void start(Supplier<ConnectionSpec> target) {
        start(target, (spec, c) -> () -> { });
    }

    /**
     * As {@link #start(Supplier)}, and once connected runs {@code then} on that thread with the spec and
     * the connection (a backup starts pg_dump on it), before the connection can be taken. What it
     * returns undoes it when the connection is closed unused.
     */
    public static void start(Supplier<ConnectionSpec> target, BiFunction<ConnectionSpec, Connection, Runnable> then) {
        EarlyConnection early = new EarlyConnection();
        PENDING.offer(early);
        Thread t = new Thread(() -> {
            ConnectionSpec spec;
            try {
                spec = target.get().withResolvedPassword();
            } catch (RuntimeException e) {
                early.spec.completeExceptionally(e);
                early.attempt.completeExceptionally(e);
                return;
            }
            early.spec.complete(spec);
            Connection c;
            try {
                c = Pg.connect(spec);
            } catch (RuntimeException e) {
                early.attempt.completeExceptionally(e);
                return;
            }
            try {
                early.undo = then.apply(spec, c);
            } finally {
                early.attempt.complete(c);
            }
        }, "lifeboat-connect");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The early attempt's connection when it was made for exactly this spec (its failure is thrown as
     * {@link Pg#connect} would throw it); empty when there was none or it was for another.
     */
    static Optional<Connection> take(ConnectionSpec spec) {
        Optional<EarlyConnection> early = PENDING.claim(e -> {
            ConnectionSpec made = e.spec.handle((s, x) -> s).join();
            return made != null && sameTarget(made, spec);
        });
        if (early.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(early.get().attempt.join());
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }

    /**
     * Closes an early connection no command took (a usage error, another command's failure before
     * its password check), so that the server sees a goodbye rather than a dropped socket.
     */
    public static void closeUnused() {
        PENDING.undoUnclaimed();
    }

    /** Closes the connection once the attempt is over, if it made one. */
    private void discard() {
        attempt.thenAccept(c -> {
            undo.run();
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing was done on it
            }
        });
    }

    static boolean sameTarget(ConnectionSpec a, ConnectionSpec b) {
        return a.host().equals(b.host()) && a.port() == b.port() && a.database().equals(b.database())
                && a.user().equals(b.user()) && a.password().equals(b.password())
                && Objects.equals(a.options(), b.options());
    }

    /** For tests: whether an attempt is waiting to be taken. */
    static boolean pending() {
        return PENDING.isWaiting();
    }
}
