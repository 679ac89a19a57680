package dev.lifeboat.core.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The errors a restore may meet that change nothing the backup holds, each named, so that an
 * archive from an older pg_dump, or a restore by a user who owns less than the original, still
 * restores. They become warnings; any other error still fails the restore. README lists them.
 */
public final class ToleratedErrors {
    /** One harmless error: its name in messages, the server message it matches, and why it is harmless. */
    public record Tolerated(String name, Pattern message, String why) {
    }

    public static final List<Tolerated> LIST = List.of(
            new Tolerated("existing public schema", Pattern.compile("schema \"public\" already exists"),
                    "archives of pg_dump 10 and older create the public schema, which every new database already has"),
            new Tolerated("existing plpgsql language", Pattern.compile("language \"plpgsql\" already exists"),
                    "archives of pg_dump 8.4 and older create plpgsql, which every database already has"),
            new Tolerated("comment on an extension owned by another role",
                    Pattern.compile("must be owner of extension \\S+"),
                    "only an extension's owner may comment on it; the extension itself is there"),
            new Tolerated("comment or owner of the public schema owned by another role",
                    Pattern.compile("must be owner of schema public"),
                    "the public schema exists already, owned by the database's owner"),
            new Tolerated("setting unknown to this server",
                    Pattern.compile("unrecognized configuration parameter \"[a-z_.]+\""),
                    "a newer pg_dump sets a session parameter an older server does not have; the data does not depend on it"));

    private static final Pattern ERROR = Pattern.compile("ERROR:\\s+(.*)$");

    private ToleratedErrors() {
    }

    /** The tolerated error this server message is, if any. */
    public static Optional<Tolerated> match(String message) {
        return LIST.stream().filter(t -> t.message().matcher(message).find()).findFirst();
    }

    /** The server's message in a pg_restore or psql stderr line holding "ERROR:", or null. */
    public static String errorMessage(String stderrLine) {
        Matcher m = ERROR.matcher(stderrLine);
        return m.find() ? m.group(1).strip() : null;
    }

    /** Collects the errors of one tool run, line by line from its stderr. */
    public static final class Collector {
        private final List<String> errors = new ArrayList<>();
        private final List<String> tolerated = new ArrayList<>();

        public synchronized void onLine(String line) {
            String message = errorMessage(line);
            if (message == null) {
                return;
            }
            Optional<Tolerated> t = match(message);
            if (t.isPresent()) {
                tolerated.add("Ignored a harmless error (" + t.get().name() + ": " + t.get().why() + "): " + message);
            } else {
                errors.add(message);
            }
        }

        /** Errors not on the list: any one of them fails the restore. */
        public synchronized List<String> errors() {
            return List.copyOf(errors);
        }

        /** Warnings for the tolerated errors, each saying which one and why. */
        public synchronized List<String> warnings() {
            return List.copyOf(tolerated);
        }
    }
}
