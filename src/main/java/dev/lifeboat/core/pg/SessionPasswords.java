package dev.lifeboat.core.pg;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Passwords typed during this run of Lifeboat, in memory only, per role and server (a role has one
 * password on a server, whatever the database). {@link ConnectionSpec#withResolvedPassword()} looks
 * here, so a reconnect deep in core (the scratch server, a rollback) finds the password the person
 * typed for the operation without it being threaded through every call.
 */
public final class SessionPasswords {
    private static final Map<String, Held> PASSWORDS = new HashMap<>();

    private SessionPasswords() {
    }

    private static final class Held {
        private String password;
        private int holds;
        private boolean remembered;
    }

    static synchronized Optional<String> find(String host, int port, String user) {
        Held h = PASSWORDS.get(key(host, port, user));
        return h == null ? Optional.empty() : Optional.of(h.password);
    }

    /** Keeps the password until the end of the session. */
    public static synchronized void remember(ConnectionSpec spec, String password) {
        Held h = PASSWORDS.computeIfAbsent(key(spec.host(), spec.port(), spec.user()), k -> new Held());
        h.password = password;
        h.remembered = true;
    }

    /** Keeps the password while the returned handle is open: one operation's worth. */
    static synchronized AutoCloseable hold(ConnectionSpec spec, String password) {
        String key = key(spec.host(), spec.port(), spec.user());
        Held h = PASSWORDS.computeIfAbsent(key, k -> new Held());
        h.password = password;
        h.holds++;
        return () -> release(key, h);
    }

    private static synchronized void release(String key, Held h) {
        h.holds--;
        if (h.holds <= 0 && !h.remembered && PASSWORDS.get(key) == h) {
            PASSWORDS.remove(key);
        }
    }

    /** Drops a password the server refused (or one to ask again), so it is not tried again. */
    public static synchronized void forget(ConnectionSpec spec) {
        PASSWORDS.remove(key(spec.host(), spec.port(), spec.user()));
    }

    /** Forgets everything; for tests and for "forget passwords" in the app. */
    public static synchronized void clear() {
        PASSWORDS.clear();
    }

    private static String key(String host, int port, String user) {
        return user + "@" + host + ":" + port;
    }
}
