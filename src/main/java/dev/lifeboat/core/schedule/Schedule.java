package dev.lifeboat.core.schedule;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.pg.ConnectionSpec;

import java.util.regex.Pattern;

/**
 * A scheduled backup: which connection (a saved name or a URI, never a password), into which
 * folder, when, whether to verify and prune after it, and with how many parallel pg_dump jobs (1: one -Fc
 * file; more: a directory-format backup). The name becomes a file name, a unit name and a crontab
 * marker, so it is held to a safe alphabet.
 */
public record Schedule(String name, String connection, String folder, String when, String verifyDepth, boolean prune,
                       int jobs) {
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public Schedule {
        // Names are checked where a schedule is made (ScheduleStore.put, the installer), not here:
        // a schedules.json written by an older version must still load.
        connection = withoutPassword(connection);
        // schedules.json from before --jobs has no "jobs": 0 there means one -Fc file, as it always did
        jobs = jobs == 0 ? 1 : jobs;
    }

    /** A schedule of one -Fc file per run. */
    public Schedule(String name, String connection, String folder, String when, String verifyDepth, boolean prune) {
        this(name, connection, folder, when, verifyDepth, prune, 1);
    }

    public ScheduleTime time() {
        return ScheduleTime.parse(when);
    }

    /** The unit, task and label name on every OS. */
    public String unitName() {
        return "lifeboat-" + name.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    /** Letters, digits, dash and underscore, up to 64, starting with a letter or digit. */
    public static void requireSafeName(String name) {
        if (name == null || !SAFE_NAME.matcher(name).matches()) {
            throw new LifeboatException(ErrorCode.USAGE, "A schedule name may hold only letters, digits, '-' and '_' "
                    + "(up to 64, starting with a letter or digit), such as 'nightly-ledger'.");
        }
    }

    /**
     * A URI or conninfo with a password in it, saved without it (as a saved connection is): the
     * scheduled run finds the password in ~/.pgpass (or PGPASSFILE) in the scheduler's environment.
     */
    static String withoutPassword(String connection) {
        if (connection == null || !(connection.contains("://") || connection.contains("="))) {
            return connection; // a saved connection's name
        }
        try {
            ConnectionSpec spec = ConnectionSpec.parse(connection);
            return spec.password().isPresent() ? spec.toUri() : connection;
        } catch (LifeboatException e) {
            return connection; // not for us to judge here; resolving it at run time says what is wrong
        }
    }

    /** Whether a connection string as given carries a password (that saving it drops). */
    public static boolean carriesPassword(String connection) {
        return connection != null && !connection.equals(withoutPassword(connection));
    }
}
