package dev.lifeboat.cli;

import dev.lifeboat.core.destination.CopyService;
import dev.lifeboat.core.manifest.CopyRecord;
import dev.lifeboat.core.util.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "copy", description = "Copy a backup to a destination; the copy is read back and compared before "
        + "it counts.")
final class CopyCommand implements Callable<Integer> {
    @ParentCommand
    LifeboatCli root;

    @Parameters(index = "0", paramLabel = "ID|latest")
    String id;

    @Option(names = "--to", required = true, paramLabel = "NAME", description = "The destination; repeatable.")
    List<String> to;

    @Override
    public Integer call() {
        int exit = 0;
        var outcomes = CliTask.run((progress, cancel) -> new CopyService(root.store()).copyToAll(id, to, progress, cancel));
        for (CopyService.CopyOutcome o : outcomes) {
            exit = Math.max(exit, print(o));
        }
        return exit;
    }

    /** Prints one destination's outcome; returns its exit code. */
    static int print(CopyService.CopyOutcome o) {
        if (o.failure() != null) {
            System.out.println("Copy to " + o.destination() + " FAILED: " + o.failure().getMessage());
            return o.failure().code().exitCode();
        }
        CopyRecord c = o.copy();
        System.out.println("Copied to " + o.destination() + ": " + c.key() + " (" + Sizes.bytes(c.sizeBytes())
                + "), read back, SHA-256 matches");
        return 0;
    }
}
