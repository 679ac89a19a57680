package dev.lifeboat.cli;

import dev.lifeboat.core.settings.ConnectionProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

@Command(name = "connections", description = "Saved connections (no passwords are stored).",
        subcommands = {ConnectionsCommand.ListSaved.class, ConnectionsCommand.Add.class, ConnectionsCommand.Remove.class})
final class ConnectionsCommand {
    @ParentCommand
    LifeboatCli root;

    @Command(name = "list", description = "List saved connections.")
    static final class ListSaved implements Callable<Integer> {
        @ParentCommand
        ConnectionsCommand parent;

        @Override
        public Integer call() {
            for (ConnectionProfile p : parent.root.settings().load().connections()) {
                System.out.printf("%-20s %s@%s:%d/%s%s%n", p.name(), p.user(), p.host(), p.port(), p.database(),
                        p.isProtected() ? "  (protected)" : "");
            }
            return 0;
        }
    }

    @Command(name = "add", description = "Save a connection under a name.")
    static final class Add implements Callable<Integer> {
        @ParentCommand
        ConnectionsCommand parent;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "CONN", description = "A URI or key=value conninfo; a password in it is not saved.")
        String conn;

        @Option(names = "--protected", description = "Restoring into it needs the database name typed as confirmation.")
        boolean isProtected;

        @Override
        public Integer call() {
            var spec = dev.lifeboat.core.pg.ConnectionSpec.parse(conn);
            parent.root.settings().update(s -> s.withConnection(ConnectionProfile.from(name, spec, isProtected)));
            System.out.println("Saved connection " + name + ": " + spec.display() + (isProtected ? " (protected)" : ""));
            return 0;
        }
    }

    @Command(name = "remove", description = "Forget a saved connection.")
    static final class Remove implements Callable<Integer> {
        @ParentCommand
        ConnectionsCommand parent;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() {
            parent.root.settings().update(s -> s.withoutConnection(name));
            System.out.println("Removed connection " + name);
            return 0;
        }
    }
}
