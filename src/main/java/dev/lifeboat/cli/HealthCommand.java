package dev.lifeboat.cli;

import dev.lifeboat.core.health.HealthCheck;
import dev.lifeboat.core.health.HealthReport;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.core.health.HealthState;
import dev.lifeboat.core.notify.Notifier;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.schedule.Schedule;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.core.settings.AppPaths;
import dev.lifeboat.core.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "health", description = "Check the folder's backups; exit 0 ok, 1 warning, 2 critical (for monitoring).")
final class HealthCommand implements Callable<Integer> {
    @ParentCommand
    LifeboatCli root;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--notify", description = "Send the webhook notification when the state is critical.")
    boolean notify;

    @Override
    public Integer call() throws Exception {
        Path folder = root.store().folder();
        ScheduleStore schedules = new ScheduleStore(AppPaths.configFolder());
        HealthReport r = new HealthService(root.store(), db -> intervalFor(schedules, folder, db)).check(OffsetDateTime.now());
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(r));
        } else {
            System.out.println("Lifeboat health of " + r.folder() + ": " + r.state());
            for (HealthCheck c : r.checks()) {
                System.out.printf("  %-8s %-16s %-30s %s%n", c.state(), c.database() == null ? "(folder)" : c.database(),
                        c.name(), c.detail());
            }
        }
        if (notify && r.state() == HealthState.CRITICAL) {
            Notifier.fromConfig(AppPaths.configFolder()).send("health-critical", "Lifeboat health of " + r.folder()
                    + " is CRITICAL", Map.of("checks", r.checks()));
        }
        return r.state().exitCode();
    }

    /** The interval of the schedule that backs this database up into this folder, if any. */
    private Duration intervalFor(ScheduleStore schedules, Path folder, String db) {
        for (Schedule s : schedules.list()) {
            if (!Path.of(s.folder()).toAbsolutePath().normalize().equals(folder)) {
                continue;
            }
            try {
                ConnectionSpec spec = root.settings().resolve(s.connection());
                if (spec.database().equals(db)) {
                    return s.time().interval();
                }
            } catch (RuntimeException ignored) {
                // a schedule whose connection is gone does not set an interval
            }
        }
        return null;
    }
}
