package dev.lifeboat.cli;

import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.saferun.SafeRunResult;
import dev.lifeboat.core.saferun.SafeRunService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "run", description = "Back up first (tagged pre-migration, pinned), then run the command after --; "
        + "print the one command that restores to before it. The exit code is the command's.")
final class RunCommand implements Callable<Integer> {
    @ParentCommand
    LifeboatCli root;

    @Option(names = "--db", required = true, paramLabel = "CONN")
    String db;

    @Option(names = "--description", paramLabel = "TEXT")
    String description;

    @Option(names = {"-W", "--password"}, description = "Ask for the password.")
    boolean prompt;

    @Option(names = "--jobs", paramLabel = "N", description = "Take the backup with N parallel pg_dump workers "
            + "(a directory-format backup); default: one -Fc file.")
    int jobs = 1;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments, after --.")
    List<String> command = new ArrayList<>();

    @Override
    public Integer call() {
        ConnectionSpec spec = ConnectionOptions.resolve(root, db, prompt);
        SafeRunResult r = CliTask.run((progress, cancel) -> ConnectionOptions.withPasswordRetry(spec,
                s -> new SafeRunService(root.store(), root.tools()).run(s, description, command,
                        ProcessBuilder.Redirect.INHERIT, jobs, progress, cancel)));
        System.err.printf("%nlifeboat: '%s' exited with %d after %.1f s. Backup %s was taken first (pinned).%n"
                + "To go back to before it:%n  %s%n", String.join(" ", command), r.exitCode(), r.seconds(), r.backup().id(),
                restoreCommand(root.store().folder(), r.backup().id(), r.database()));
        return r.exitCode();
    }

    /** The way back, as the command line that restores the backup over the database. */
    static String restoreCommand(Path folder, String backupId, ConnectionSpec db) {
        return "lifeboat --folder " + quote(folder.toString()) + " restore " + backupId + " --to " + quote(db.toUri())
                + " --mode replace --terminate-sessions";
    }

    private static String quote(String s) {
        return s.matches("[A-Za-z0-9_./:@%=-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
