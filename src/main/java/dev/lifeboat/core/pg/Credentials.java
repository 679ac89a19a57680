package dev.lifeboat.core.pg;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.pg.CredentialProvider.PasswordAnswer;
import dev.lifeboat.core.pg.CredentialProvider.PasswordRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The one password flow of both front ends: before an operation connects, make sure the server
 * accepts who we are, asking the {@link CredentialProvider} when it wants a password that is not
 * known (given, typed this session, PGPASSWORD or ~/.pgpass) or that it refused. An operation that
 * could not authenticate never starts, so nothing records it as a failed backup or verification.
 */
public final class Credentials {
    private static final Logger LOG = LoggerFactory.getLogger(Credentials.class);
    /** A person who mistypes this often is better told to check the role than asked forever. */
    private static final int MAX_ASKS = 5;

    private final CredentialProvider provider;
    private final PgPass pgpass;

    public Credentials(CredentialProvider provider, PgPass pgpass) {
        this.provider = provider == null ? CredentialProvider.NONE : provider;
        this.pgpass = pgpass;
    }

    public Credentials(CredentialProvider provider) {
        this(provider, PgPass.standard());
    }

    /** Nobody to ask: a missing or wrong password is an error with {@link Remedy#PROVIDE_PASSWORD}. */
    public static Credentials none() {
        return new Credentials(CredentialProvider.NONE, PgPass.standard());
    }

    /**
     * Runs the action with a connection the server accepts. A password typed for it is kept in
     * memory while the action runs (so reconnects inside core find it) and afterwards only when the
     * person asked to remember it.
     */
    public <T> T withPassword(ConnectionSpec spec, Function<ConnectionSpec, T> action) {
        return withConnection(spec, false, (ready, unused) -> action.apply(ready));
    }

    /**
     * Like {@link #withPassword}, and hands the action the connection that proved the password, so an
     * operation that needs one connection anyway does not open a second (a backup's snapshot holder:
     * on a cold JVM a connection costs 30-80 ms before pg_dump can start, and with scram-sha-256 a
     * key derivation on both sides). The connection is null when the check could not connect for a
     * reason the operation reports itself (an unreachable server, a database that does not exist);
     * the action owns it and it is closed after the action in any case.
     */
    public <T> T withConnection(ConnectionSpec spec, BiFunction<ConnectionSpec, Connection, T> action) {
        return withConnection(spec, true, action);
    }

    private <T> T withConnection(ConnectionSpec spec, boolean keep, BiFunction<ConnectionSpec, Connection, T> action) {
        // Only the password is settled here: a server that cannot be reached is the operation's to
        // report in its own way (a full verify records "could not verify").
        Proven proven = ensure(spec, false, keep);
        ConnectionSpec ready = proven.spec();
        try {
            if (ready.password().isEmpty()) {
                return action.apply(ready, proven.connection());
            }
            try (AutoCloseable held = SessionPasswords.hold(ready, ready.password().get())) {
                return action.apply(ready, proven.connection());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e); // only close() could throw, and it does not
            }
        } finally {
            closeQuietly(proven.connection());
        }
    }

    /**
     * The connection with a password the server accepted, or unchanged when it asks for none. A
     * database that does not exist yet still proves the password: the server checks it first.
     */
    public ConnectionSpec ensure(ConnectionSpec spec) {
        return ensure(spec, true, false).spec();
    }

    /** A connection spec the server accepted and, when asked to keep it, the open connection that showed it. */
    private record Proven(ConnectionSpec spec, Connection connection) {
    }

    private Proven ensure(ConnectionSpec spec, boolean strict, boolean keep) {
        ConnectionSpec candidate = spec.withResolvedPassword();
        Attempt attempt = tryConnect(candidate, keep);
        LifeboatException failure = attempt.failure();
        PasswordAnswer typed = null;
        int asked = 0;
        while (failure != null) {
            if (!Pg.isPasswordProblem(failure) && !strict) {
                return new Proven(candidate, null);
            }
            if (!Pg.isPasswordProblem(failure) || asked++ >= MAX_ASKS) {
                throw failure;
            }
            boolean refused = candidate.password().isPresent();
            if (refused) {
                SessionPasswords.forget(candidate);
                LOG.info("The server at {}:{} refused the password of user '{}'", spec.host(), spec.port(), spec.user());
            }
            Optional<PasswordAnswer> answer = provider.ask(new PasswordRequest(spec.user(), spec.host(), spec.port(),
                    spec.database(), refused));
            if (answer.isEmpty() || answer.get().password() == null || answer.get().password().isEmpty()) {
                String where = spec.host() + ":" + spec.port();
                throw new LifeboatException(ErrorCode.AUTHENTICATION_FAILED, refused
                        ? "The server at " + where + " refused the password of user '" + spec.user() + "'. Nothing was done."
                        : "The server at " + where + " asks user '" + spec.user() + "' for a password and none is known. "
                        + "Nothing was done.", Remedy.PROVIDE_PASSWORD, failure);
            }
            typed = answer.get();
            candidate = spec.withPassword(typed.password());
            attempt = tryConnect(candidate, keep);
            failure = attempt.failure();
        }
        if (typed != null) {
            try {
                keep(candidate, typed);
            } catch (RuntimeException e) {
                closeQuietly(attempt.connection()); // no action will own it
                throw e;
            }
        }
        return new Proven(candidate, attempt.connection());
    }

    private void keep(ConnectionSpec spec, PasswordAnswer answer) {
        if (answer.rememberForSession() || answer.saveInPgPass()) {
            SessionPasswords.remember(spec, answer.password());
        }
        if (answer.saveInPgPass() && pgpass != null) {
            pgpass.save(spec.host(), spec.port(), spec.user(), answer.password());
            LOG.info("Saved the password of user '{}' on {}:{} in {}", spec.user(), spec.host(), spec.port(),
                    pgpass.file());
        }
    }

    /** How one connection attempt ended: the failure, or none (and the connection when it was to be kept). */
    private record Attempt(Connection connection, LifeboatException failure) {
    }

    /**
     * No failure when the server let us in (or only lacks the database); the failure otherwise. The
     * connection is kept open only when asked.
     */
    private static Attempt tryConnect(ConnectionSpec spec, boolean keep) {
        Connection c;
        try {
            // the connection opened while the command line was read, when it was made for this spec
            c = EarlyConnection.take(spec).orElseGet(() -> Pg.connect(spec));
        } catch (LifeboatException e) {
            return new Attempt(null, e.code() == ErrorCode.DATABASE_NOT_FOUND ? null : e);
        }
        if (keep) {
            return new Attempt(c, null);
        }
        closeQuietly(c);
        return new Attempt(null, null);
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            LOG.debug("Closing a connection failed after its work: {}", e.getMessage()); // the password was fine
        }
    }
}
