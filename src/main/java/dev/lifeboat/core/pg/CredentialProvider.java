package dev.lifeboat.core.pg;

import java.util.Optional;

/**
 * Whom core asks for a password when a server wants one that Lifeboat does not know. The desktop
 * app answers with a dialog, the CLI with a terminal prompt; core never knows which.
 */
@FunctionalInterface
public interface CredentialProvider {
    /** Nobody to ask (scripts, schedulers): a missing password is an error. */
    CredentialProvider NONE = request -> Optional.empty();

    /** The password to try, or empty when the person declined. Called off the FX thread. */
    Optional<PasswordAnswer> ask(PasswordRequest request);

    /**
     * What is asked: the role, the server and the database it was for, and whether a password
     * was just refused (so the prompt can say it was wrong).
     */
    record PasswordRequest(String user, String host, int port, String database, boolean previousRefused) {
        public String server() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    /**
     * A password typed by the person and how long to keep it: this operation only, this session
     * (memory only), or also in ~/.pgpass so that scheduled runs find it.
     */
    record PasswordAnswer(String password, boolean rememberForSession, boolean saveInPgPass) {
        @Override
        public String toString() {
            return "PasswordAnswer[remember=" + rememberForSession + ", save=" + saveInPgPass + "]";
        }
    }
}
