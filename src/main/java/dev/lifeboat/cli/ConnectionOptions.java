package dev.lifeboat.cli;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.pg.ConnectionSpec;

import java.io.Console;
import java.util.function.Function;

/** Turns --db text into a connection, prompting for the password on a terminal when asked or needed. */
final class ConnectionOptions {
    private ConnectionOptions() {
    }

    static ConnectionSpec resolve(LifeboatCli root, String text, boolean prompt) {
        ConnectionSpec spec = root.settings().resolve(text);
        return prompt ? withPrompt(spec) : spec;
    }

    static ConnectionSpec withPrompt(ConnectionSpec spec) {
        Console console = System.console();
        if (console == null) {
            throw new LifeboatException(ErrorCode.USAGE, "There is no terminal to ask for the password of " + spec.display()
                    + ". Set PGPASSWORD or add a line to ~/.pgpass for scripts and schedulers.");
        }
        char[] pw = console.readPassword("Password for %s: ", spec.display());
        return spec.withPassword(pw == null ? null : new String(pw));
    }

    /**
     * Runs the action; when the server wanted a password that was not given and a person is at the
     * terminal, asks once and tries again.
     */
    static <T> T withPasswordRetry(ConnectionSpec spec, Function<ConnectionSpec, T> action) {
        try {
            return action.apply(spec);
        } catch (LifeboatException e) {
            boolean noPassword = e.code() == ErrorCode.AUTHENTICATION_FAILED && e.getMessage().contains("none was given");
            if (noPassword && System.console() != null) {
                return action.apply(withPrompt(spec));
            }
            throw e;
        }
    }
}
