package dev.lifeboat.cli;

import dev.lifeboat.core.health.HealthCheck;
import dev.lifeboat.core.health.HealthReport;
import dev.lifeboat.core.health.HealthService;
import dev.lifeboat.core.health.HealthState;
import dev.lifeboat.core.notify.Notifier;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.core.settings.AppPaths;
import dev.lifeboat.core.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
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
        HealthReport r = new HealthService(root.store(), db -> schedules.intervalFor(folder, db, root.settings()::resolve)).check(OffsetDateTime.now());
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(r));
        } else {
            System.out.println("Lifeboat health of " + r.folder() + ": " + r.state());
            for (HealthCheck c : r.checks()) {
                String remedy = ConnectionOptions.render(c.remedy());
                System.out.printf("  %-8s %-16s %-30s %s%s%n", c.state(), c.database() == null ? "(folder)" : c.database(),
                        c.name(), c.detail(), remedy == null ? "" : " " + remedy);
            }
        }
        if (notify && r.state() == HealthState.CRITICAL) {
            Notifier.fromConfig(AppPaths.configFolder()).send("health-critical", "Lifeboat health of " + r.folder()
                    + " is CRITICAL", Map.of("folder", r.folder(), "database", String.join(", ", r.checks().stream()
                            .filter(c -> c.state() == HealthState.CRITICAL && c.database() != null)
                            .map(HealthCheck::database).distinct().toList()), "checks", r.checks()));
        }
        return r.state().exitCode();
    }

}
