package dev.lifeboat.cli;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.recovery.Leftover;
import dev.lifeboat.core.recovery.RecoveryService;
import dev.lifeboat.core.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

@Command(name = "recover", description = "Find and clean what interrupted operations left: partial and temporary "
        + "files, copy and scratch databases, a target left refusing connections, an unrecorded restore.")
final class RecoverCommand implements Callable<Integer> {
    @ParentCommand
    LifeboatCli root;

    @Option(names = "--dry-run", description = "Only list the leftovers; change nothing.")
    boolean dryRun;

    @Option(names = {"-W", "--password"}, description = "Ask for each server's password.")
    boolean prompt;

    @Option(names = "--json", description = "Print the leftovers (and what was cleaned) as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Map<String, ConnectionSpec> asked = new HashMap<>();
        UnaryOperator<ConnectionSpec> credentials = prompt
                ? s -> asked.computeIfAbsent(s.display(), k -> ConnectionOptions.withPrompt(s)) : UnaryOperator.identity();
        RecoveryService recovery = new RecoveryService(root.store(), credentials);
        if (dryRun) {
            List<Leftover> found = recovery.find();
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(found));
                return 0;
            }
            found.forEach(l -> System.out.println("would clean " + l.describe()));
            System.out.println(found.isEmpty() ? "Nothing left behind in " + root.store().folder() + "."
                    : found.size() + " leftover(s); run 'lifeboat recover' to clean them.");
            return 0;
        }
        RecoveryService.Result r = recovery.clean();
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(r));
        } else {
            r.cleaned().forEach(l -> System.out.println("cleaned " + l.describe()));
            r.failed().forEach(f -> System.out.println("NOT cleaned " + f));
            System.out.printf("%d cleaned, %d not cleaned.%n", r.cleaned().size(), r.failed().size());
        }
        return r.failed().isEmpty() ? 0 : ErrorCode.IO_ERROR.exitCode();
    }
}
