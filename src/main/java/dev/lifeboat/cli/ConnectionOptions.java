package dev.lifeboat.cli;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.CredentialProvider;
import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.SessionPasswords;

import java.io.Console;
import java.sql.Connection;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns --db text into a connection, and answers core's password questions on the terminal: -W
 * asks up front, else the first connection that needs a password asks; with no terminal, the
 * error says how to give one.
 */
final class ConnectionOptions {
    /** Asks on the terminal; a CLI run is one session, so a typed password is kept for its reconnects. */
    static final CredentialProvider TERMINAL = request -> {
        Console console = System.console();
        if (console == null) {
            return Optional.empty();
        }
        if (request.previousRefused()) {
            console.printf("The password was refused.%n");
        }
        char[] pw = console.readPassword("Password for %s on %s (database %s): ", request.user(), request.server(),
                request.database());
        return pw == null ? Optional.empty()
                : Optional.of(new CredentialProvider.PasswordAnswer(new String(pw), true, false));
    };

    private ConnectionOptions() {
    }

    static Credentials credentials() {
        return new Credentials(TERMINAL);
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
        if (pw == null || pw.length == 0) {
            return spec;
        }
        // Kept for this run's reconnects (a scratch server, a swap) as well as for the first connection.
        ConnectionSpec typed = spec.withPassword(new String(pw));
        SessionPasswords.remember(typed, new String(pw));
        return typed;
    }

    /** Makes sure the server accepts the connection, asking on the terminal when a person is there. */
    static ConnectionSpec ready(ConnectionSpec spec) {
        return credentials().ensure(spec);
    }

    /** Runs the action once the server accepts the connection (core's one password flow). */
    static <T> T withPasswordRetry(ConnectionSpec spec, Function<ConnectionSpec, T> action) {
        return credentials().withPassword(spec, action);
    }

    /** As {@link #withPasswordRetry}, handing the action the connection that proved the password (or null). */
    static <T> T withConnection(ConnectionSpec spec, BiFunction<ConnectionSpec, Connection, T> action) {
        return credentials().withConnection(spec, action);
    }

    /** How the CLI says a core remedy: in its own flags and variables. */
    static String render(Remedy remedy) {
        return switch (remedy) {
            case PROVIDE_PASSWORD -> "Give the password: run with -W at a terminal, set PGPASSWORD, or add a line to "
                    + "~/.pgpass (scheduled runs read it).";
            case CHOOSE_TOOLS_FOLDER -> "Name the tools' folder with --pg-bin DIR (or LIFEBOAT_PG_BIN).";
            case NAME_SCRATCH_SERVER -> "Name the server with --scratch CONN.";
            case RESTORE_MANIFEST_COPY -> "Run 'lifeboat manifest restore-backup' (or copy the .bak over the damaged file).";
            case REBUILD_CATALOG -> "Then run 'lifeboat import FOLDER' to adopt the backup files again.";
            case TERMINATE_SESSIONS -> "Add --terminate-sessions to end them.";
            case TYPE_CONFIRMATION -> "Add --confirm NAME with the database's exact name.";
            case CHOOSE_NEW_NAME -> "Give another name with --new-name NAME, or --mode replace to swap it safely.";
            case CREATE_ROLES -> "Add --create-roles, or --no-owner --no-privileges.";
            case NO_OWNER -> "Add --no-owner --no-privileges.";
            case RUN_VERIFY -> "Run 'lifeboat verify latest --depth full'.";
            case RUN_IMPORT -> "Run 'lifeboat import FOLDER'.";
            case RUN_RECOVER -> "Run 'lifeboat recover' ('--dry-run' first shows what it would do).";
            case RUN_PRUNE -> "Run 'lifeboat prune' ('--dry-run' first lists what goes).";
            case TAKE_BACKUP -> "Take one with 'lifeboat backup', or adopt files with 'lifeboat import FOLDER'.";
            case LIST_BACKUPS -> "'lifeboat list' shows the ids.";
            case LIST_CONNECTIONS -> "'lifeboat connections list' shows the saved connections.";
            case LIST_SCHEDULES -> "'lifeboat schedule list' shows them.";
            case LIST_OPERATIONS -> "'lifeboat history' lists them.";
            case RUN_FROM_OWN_SCHEDULER -> "Call 'lifeboat scheduled-run NAME' from your own scheduler.";
            case NONE -> null;
        };
    }
}
