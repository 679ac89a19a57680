package dev.lifeboat.cli;

import dev.lifeboat.core.destination.CopyService;
import dev.lifeboat.core.destination.DestinationConfig;
import dev.lifeboat.core.destination.DestinationStore;
import dev.lifeboat.core.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** destination add|list|remove|test: the backup folder's off-site destinations. */
@Command(name = "destination", description = "Off-site destinations of the backup folder (S3, SFTP, another folder).",
        subcommands = {DestinationCommands.Add.class, DestinationCommands.ListAll.class,
                DestinationCommands.Remove.class, DestinationCommands.Test.class})
final class DestinationCommands {
    @ParentCommand
    LifeboatCli root;

    DestinationStore store() {
        return new DestinationStore(root.store().folder());
    }

    @Command(name = "add", description = "Add a destination. No secret is stored: S3 credentials come from the AWS "
            + "SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws), SFTP keys from "
            + "~/.ssh or --identity.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        DestinationCommands parent;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "URL", description = "s3://BUCKET/PREFIX, sftp://USER@HOST[:PORT]/PATH "
                + "or file:///PATH")
        String url;

        @Option(names = "--endpoint", paramLabel = "URL", description = "S3 endpoint (MinIO, Ceph, R2, B2, Garage).")
        String endpoint;

        @Option(names = "--region", paramLabel = "R", description = "S3 region (default: the SDK's, else us-east-1).")
        String region;

        @Option(names = "--path-style", description = "S3 path-style addressing (most self-hosted stores need it).")
        boolean pathStyle;

        @Option(names = "--identity", paramLabel = "FILE", description = "SSH private key for SFTP (default: ~/.ssh).")
        Path identity;

        @Option(names = "--manual", description = "Copy only when asked (backup --copy-to, copy); by default every "
                + "backup is copied here.")
        boolean manual;

        @Override
        public Integer call() {
            String u = url.startsWith("/") ? Path.of(url).toUri().toString() : url;
            DestinationConfig c = new DestinationConfig(name, u, endpoint, region, pathStyle ? Boolean.TRUE : null,
                    identity == null ? null : identity.toAbsolutePath().toString(), !manual, null);
            parent.store().add(c);
            System.out.println("Added destination " + name + ": " + u + (manual ? " (manual)" : " (every backup is "
                    + "copied here)") + ". 'lifeboat destination test " + name + "' checks that it works.");
            return 0;
        }
    }

    @Command(name = "list", description = "List the destinations.")
    static final class ListAll implements Callable<Integer> {
        @ParentCommand
        DestinationCommands parent;

        @Option(names = "--json", description = "Print them as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            var all = parent.store().all();
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(all));
                return 0;
            }
            if (all.isEmpty()) {
                System.out.println("No destinations. Add one with 'lifeboat destination add NAME URL'.");
            }
            for (DestinationConfig d : all) {
                System.out.printf("%-16s %-48s %s%s%n", d.name(), d.url(), d.automaticOrFalse() ? "automatic" : "manual",
                        d.retention() == null ? "" : ", " + d.retention().describe());
            }
            return 0;
        }
    }

    /** A subcommand that acts on one destination named by its only parameter. */
    abstract static class OnOne implements Callable<Integer> {
        @ParentCommand
        DestinationCommands parent;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;
    }

    @Command(name = "remove", description = "Forget a destination (its copies stay where they are).")
    static final class Remove extends OnOne {
        @Override
        public Integer call() {
            parent.store().remove(name);
            System.out.println("Removed destination " + name + "; the copies there were not deleted.");
            return 0;
        }
    }

    @Command(name = "test", description = "Write a small file, read it back and delete it.")
    static final class Test extends OnOne {
        @Override
        public Integer call() {
            System.out.println(name + ": OK, " + new CopyService(parent.root.store()).test(name));
            return 0;
        }
    }
}
