package dev.lifeboat.core.schedule;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.FieldError;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.PgPass;
import dev.lifeboat.core.pg.SessionPasswords;
import dev.lifeboat.core.verify.VerifyDepth;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Adding and removing a schedule, the same for both front ends: every field checked and named,
 * a first check that the server accepts the connection with a password scheduled runs will find
 * (~/.pgpass), then saved and registered with the OS scheduler. A schedule the scheduler refused is
 * not kept, so nothing shows as scheduled that will never run.
 */
public final class ScheduleService {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleService.class);

    /** The OS scheduler: {@link ScheduleInstaller} in the product. */
    public interface Installer {
        /** Registers it; returns where it went, in words. */
        String install(Schedule s);

        void remove(Schedule s);
    }

    /** A schedule in place, and where the OS scheduler keeps it (null when only saved). */
    public record Added(Schedule schedule, String where) {
    }

    private final ScheduleStore store;
    private final Function<String, ConnectionSpec> resolve;
    private final Credentials credentials;
    private final PgPass pgpass;
    private final Installer installer;

    public ScheduleService(ScheduleStore store, Function<String, ConnectionSpec> resolve, Credentials credentials,
                           PgPass pgpass, Installer installer) {
        this.store = store;
        this.resolve = resolve;
        this.credentials = credentials;
        this.pgpass = pgpass;
        this.installer = installer;
    }

    /** Every field that is wrong, named as the forms name it; empty when the schedule can be added. */
    public List<FieldError> validate(Schedule s) {
        List<FieldError> errors = new ArrayList<>();
        check(errors, "Name", () -> Schedule.requireSafeName(s.name()));
        check(errors, "Connection", () -> {
            if (s.connection() == null || s.connection().isBlank()) {
                throw new LifeboatException(ErrorCode.USAGE, "give a saved connection or a URI");
            }
            resolve.apply(s.connection());
        });
        check(errors, "When", s::time);
        check(errors, "Verify", () -> {
            if (s.verifyDepth() != null) {
                VerifyDepth.parse(s.verifyDepth());
            }
        });
        if (s.jobs() < 1 || s.jobs() > BackupRequest.MAX_JOBS) {
            errors.add(new FieldError("Jobs", "a number of parallel pg_dump workers from 1 to " + BackupRequest.MAX_JOBS
                    + ", not " + s.jobs()));
        }
        if (s.folder() == null || s.folder().isBlank()) {
            errors.add(new FieldError("Folder", "open a backup folder first"));
        }
        return errors;
    }

    private static void check(List<FieldError> errors, String field, Runnable check) {
        try {
            check.run();
        } catch (LifeboatException e) {
            errors.add(new FieldError(field, e.getMessage()));
        }
    }

    /**
     * Checks, makes sure the server accepts the connection (asking for the password when it needs
     * one), saves and registers the schedule. {@code install} false only saves it (the CLI prints
     * the scheduler entry instead). Throws, with nothing saved or registered, when any step fails.
     */
    public Added add(Schedule s, boolean install) {
        List<FieldError> errors = validate(s);
        if (!errors.isEmpty()) {
            throw FieldError.toException("Schedule " + s.name() + " was not added", errors);
        }
        firstCheck(resolve.apply(s.connection()));
        Optional<Schedule> before = store.find(s.name());
        store.put(s);
        if (!install) {
            return new Added(s, null);
        }
        String where;
        try {
            where = installer.install(s);
        } catch (RuntimeException e) {
            // Not shown as scheduled: put back what was there, or nothing.
            before.ifPresentOrElse(store::put, () -> store.remove(s.name()));
            LOG.warn("The OS scheduler refused schedule {}", s.name(), e);
            throw new LifeboatException(e instanceof LifeboatException le ? le.code() : ErrorCode.IO_ERROR,
                    "The OS scheduler refused schedule " + s.name() + ", so it was not added: " + e.getMessage(),
                    e instanceof LifeboatException le ? le.remedy() : Remedy.NONE, e);
        }
        LOG.info("Scheduled {} ({}) as {}", s.name(), s.time().text(), where);
        return new Added(s, where);
    }

    /**
     * The server accepts the connection, and a password it needs is where the scheduled run looks
     * (~/.pgpass): a password known only to this session would let every scheduled run fail.
     */
    private void firstCheck(ConnectionSpec given) {
        // What the scheduled run will try first: the password given, else the one in ~/.pgpass.
        ConnectionSpec spec = given.password().isPresent() ? given : pgpass.find(given.host(), given.port(),
                given.database(), given.user()).map(given::withPassword).orElse(given);
        ConnectionSpec ready = credentials.ensure(spec);
        if (ready.password().isPresent() && !inPgPass(ready)) {
            // Forgotten, so that the next attempt asks again and the person can save it where scheduled runs look.
            SessionPasswords.forget(ready);
            throw new LifeboatException(ErrorCode.AUTHENTICATION_FAILED, "Scheduled runs read the password of user '"
                    + spec.user() + "' on " + spec.host() + ":" + spec.port() + " from " + pgpass.file()
                    + ", which has none that the server accepts, so every run would fail. The schedule was not added; "
                    + "save the password there when Lifeboat asks.", Remedy.PROVIDE_PASSWORD, null);
        }
    }

    private boolean inPgPass(ConnectionSpec spec) {
        return pgpass.find(spec.host(), spec.port(), spec.database(), spec.user())
                .filter(p -> p.equals(spec.password().orElse(null))).isPresent();
    }

    /** Unregisters it from the OS scheduler, then forgets it; a scheduler that refuses keeps it listed. */
    public void remove(String name) {
        Schedule s = store.find(name).orElseThrow(() -> new LifeboatException(ErrorCode.USAGE,
                "There is no schedule named '" + name + "'.", Remedy.LIST_SCHEDULES, null));
        installer.remove(s);
        store.remove(name);
        LOG.info("Removed schedule {}", name);
    }
}
