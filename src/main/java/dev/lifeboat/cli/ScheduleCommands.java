package dev.lifeboat.cli;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.notify.Notifier;
import dev.lifeboat.core.pg.PgPass;
import dev.lifeboat.core.schedule.Schedule;
import dev.lifeboat.core.schedule.ScheduleInstaller;
import dev.lifeboat.core.schedule.ScheduleService;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.core.schedule.ScheduledRun;
import dev.lifeboat.core.settings.AppPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.time.LocalDateTime;
import java.util.concurrent.Callable;

/** schedule install|list|remove, and scheduled-run (what the OS scheduler calls). */
final class ScheduleCommands {
    private ScheduleCommands() {
    }

    static ScheduleStore store() {
        return new ScheduleStore(AppPaths.configFolder());
    }

    /** Core's verbs, with the terminal prompt for the first check and this user's OS scheduler. */
    static ScheduleService service(LifeboatCli root) {
        return new ScheduleService(store(), root.settings()::resolve, ConnectionOptions.credentials(), PgPass.standard(),
                ScheduleInstaller.forThisUser());
    }

    @Command(name = "schedule", description = "Scheduled backups in the OS's own scheduler (systemd timer or cron, "
            + "launchd, Task Scheduler).", subcommands = {Install.class, ListAll.class, Remove.class})
    static final class ScheduleGroup {
        @ParentCommand
        LifeboatCli root;
    }

    @Command(name = "install", description = "Create or replace a schedule and register it with the OS scheduler.")
    static final class Install implements Callable<Integer> {
        @ParentCommand
        ScheduleGroup parent;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--db", required = true, paramLabel = "CONN", description = "A saved connection name or a URI "
                + "(the password comes from ~/.pgpass or PGPASSWORD in the scheduler's environment).")
        String db;

        @Option(names = "--at", required = true, paramLabel = "WHEN", description = "'hourly', 'daily HH:MM' or "
                + "'weekly DAY HH:MM'.")
        String when;

        @Option(names = "--verify", paramLabel = "DEPTH", description = "Verify each backup (quick, archive, full).")
        String verify;

        @Option(names = "--prune", description = "Apply the retention policy after each backup.")
        boolean prune;

        @Option(names = "--jobs", paramLabel = "N", description = "Back up with N parallel pg_dump workers "
                + "(a directory-format backup); default: one -Fc file.")
        int jobs = 1;

        @Option(names = "--no-install", description = "Only save the schedule; print the scheduler entry instead.")
        boolean noInstall;

        @Override
        public Integer call() {
            Schedule s = new Schedule(name, db, parent.root.store().folder().toString(), when, verify, prune, jobs);
            ScheduleService.Added added = service(parent.root).add(s, !noInstall);
            if (Schedule.carriesPassword(db)) {
                System.err.println("The password in the connection string was not saved: the scheduled run reads it "
                        + "from ~/.pgpass (or PGPASSFILE) of the user the scheduler runs as.");
            }
            if (noInstall) {
                System.out.println(dev.lifeboat.core.schedule.SchedulerFiles.crontabLine(s, ScheduleInstaller.currentLauncher()));
                return 0;
            }
            System.out.printf("Scheduled %s (%s) as %s; next run %s%n", name, s.time().text(), added.where(),
                    s.time().next(LocalDateTime.now()));
            return 0;
        }
    }

    @Command(name = "list", description = "Schedules with their next and last run.")
    static final class ListAll implements Callable<Integer> {
        @ParentCommand
        ScheduleGroup parent;

        @Override
        public Integer call() {
            var runs = store().lastRuns();
            for (Schedule s : store().list()) {
                var last = runs.get(s.name());
                System.out.printf("%-16s %-18s %-20s %-7s next %s   last %s%n", s.name(), s.time().text(), s.connection(),
                        s.jobs() > 1 ? s.jobs() + " jobs" : "",
                        s.time().next(LocalDateTime.now()).toString().replace('T', ' '),
                        last == null ? "never" : last.finished() + " " + last.outcome() + ": " + last.message());
            }
            return 0;
        }
    }

    @Command(name = "remove", description = "Unregister a schedule and forget it.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        ScheduleGroup parent;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            service(parent.root).remove(name);
            System.out.println("Removed schedule " + name);
            return 0;
        }
    }

    @Command(name = "scheduled-run", description = "Run a schedule now: back up, then verify and prune as set. "
            + "This is what the OS scheduler calls.")
    static final class Run implements Callable<Integer> {
        @ParentCommand
        LifeboatCli root;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            String summary = new ScheduledRun(store(), root.settings()::resolve, root.tools(),
                    Notifier.fromConfig(AppPaths.configFolder())).run(name, dev.lifeboat.core.ProgressListener.NONE,
                    new CancelToken());
            System.out.println("Schedule " + name + ": " + summary);
            return 0;
        }
    }
}
