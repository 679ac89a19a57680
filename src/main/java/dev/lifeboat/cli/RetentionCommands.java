package dev.lifeboat.cli;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.destination.DestinationConfig;
import dev.lifeboat.core.destination.DestinationStore;
import dev.lifeboat.core.destination.RemotePruneService;
import dev.lifeboat.core.retention.PruneResult;
import dev.lifeboat.core.retention.PruneService;
import dev.lifeboat.core.retention.RetentionDecision;
import dev.lifeboat.core.retention.RetentionEditor;
import dev.lifeboat.core.retention.RetentionPolicies;
import dev.lifeboat.core.retention.RetentionPolicy;
import dev.lifeboat.core.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** retention show|set and prune. */
final class RetentionCommands {
    private RetentionCommands() {
    }

    @Command(name = "retention", description = "Show or set the folder's retention policy.",
            subcommands = {Show.class, Set.class})
    static final class Retention {
        @ParentCommand
        LifeboatCli root;
    }

    @Command(name = "show", description = "Print the policy.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        Retention parent;

        @Override
        public Integer call() {
            RetentionPolicies p = RetentionPolicies.load(parent.root.store().folder());
            System.out.println("default: " + p.forDatabase(null).describe());
            p.databases().forEach((db, policy) -> System.out.println(db + ": " + policy.describe()));
            return 0;
        }
    }

    @Command(name = "set", description = "Set the policy for the folder or one database; unset rules are off.")
    static final class Set implements Callable<Integer> {
        @ParentCommand
        Retention parent;

        @Option(names = "--database", paramLabel = "NAME", description = "Only for this database.")
        String database;

        @Option(names = "--destination", paramLabel = "NAME", description = "For the copies at this destination "
                + "(its own policy; local backups keep theirs).")
        String destination;

        @Option(names = "--keep-last", paramLabel = "N")
        Integer last;

        @Option(names = "--keep-daily", paramLabel = "D")
        Integer daily;

        @Option(names = "--keep-weekly", paramLabel = "W")
        Integer weekly;

        @Option(names = "--keep-monthly", paramLabel = "M")
        Integer monthly;

        @Option(names = "--keep-yearly", paramLabel = "Y")
        Integer yearly;

        @Option(names = "--keep-within", paramLabel = "DURATION", description = "30d, 12h, 2w, 6m, 1y")
        String within;

        @Override
        public Integer call() {
            RetentionPolicy policy = RetentionEditor.check(new RetentionPolicy(last, daily, weekly, monthly, yearly,
                    within));
            var folder = parent.root.store().folder();
            if (destination != null) {
                DestinationStore destinations = new DestinationStore(folder);
                destinations.replace(destinations.get(destination).withRetention(policy));
                System.out.println("destination " + destination + ": " + policy.describe());
                return 0;
            }
            RetentionPolicies.load(folder).with(database, policy).save(folder);
            System.out.println((database == null ? "default" : database) + ": " + policy.describe());
            return 0;
        }
    }

    @Command(name = "prune", description = "Remove backups the retention policy no longer keeps (file and entry together).")
    static final class Prune implements Callable<Integer> {
        @ParentCommand
        LifeboatCli root;

        @Option(names = "--dry-run", description = "List what would go and why the rest stays; change nothing.")
        boolean dryRun;

        @Option(names = "--json", description = "Print the decisions as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PruneResult r = new PruneService(root.store()).prune(dryRun, OffsetDateTime.now());
            List<RemotePruneService.RemotePruneResult> remote = new ArrayList<>();
            for (DestinationConfig d : new DestinationStore(root.store().folder()).all()) {
                if (d.retention() != null) {
                    remote.add(new RemotePruneService(root.store()).prune(d.name(), dryRun, OffsetDateTime.now()));
                }
            }
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(remote.isEmpty() ? r
                        : java.util.Map.of("local", r, "destinations", remote)));
                return 0;
            }
            if (r.finishedPending() > 0) {
                System.out.println("Finished an interrupted delete: " + r.finishedPending() + " file(s) removed.");
            }
            for (RetentionDecision d : r.decisions()) {
                boolean refused = r.refused().stream().anyMatch(x -> x.startsWith(d.backupId() + ": "));
                System.out.printf("%-6s %-34s %s%n", d.keep() ? "keep" : dryRun ? "would delete" : refused ? "refused"
                        : "deleted", d.backupId(), String.join("; ", d.reasons()));
            }
            for (String x : r.refused()) {
                System.err.println("Not deleted: " + x);
            }
            System.out.printf("%d kept, %d %s.%n", r.decisions().size() - r.toDelete().size(),
                    dryRun ? r.toDelete().size() : r.deleted().size(), dryRun ? "would be deleted" : "deleted");
            for (RemotePruneService.RemotePruneResult d : remote) {
                long gone = d.decisions().stream().filter(x -> !x.keep()).count();
                System.out.printf("At %s: %d cop%s kept, %d %s.%n", d.destination(), d.decisions().size() - gone,
                        d.decisions().size() - gone == 1 ? "y" : "ies", gone, dryRun ? "would be deleted" : "deleted");
            }
            return r.refused().isEmpty() ? 0 : ErrorCode.MANIFEST_DAMAGED.exitCode();
        }
    }
}
