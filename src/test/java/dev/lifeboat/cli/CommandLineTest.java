package dev.lifeboat.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The command line is built with only the command being run, yet help still shows every command. */
class CommandLineTest {
    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = LifeboatCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return exit + "\n" + out + err;
    }

    @Test
    void helpListsEveryCommand() {
        String help = run("--help");
        for (String command : List.of("backup", "list", "verify", "import", "restore", "rollback", "discard",
                "history", "retention", "prune", "health", "run", "schedule", "manifest", "connections", "help")) {
            assertTrue(help.contains("  " + command + " "), command + " missing from:\n" + help);
        }
    }

    @Test
    void onlyTheNamedCommandIsBuiltAndOptionValuesAreNotTakenForIt() {
        CommandLine cli = LifeboatCli.commandLine(new LifeboatCli(), new String[]{"--folder", "backup", "-v", "list", "--json"});
        assertEquals(List.of("list"), List.copyOf(cli.getSubcommands().keySet()));
    }

    @Test
    void versionBuildsNoCommandAndStillAnswers() {
        CommandLine cli = LifeboatCli.commandLine(new LifeboatCli(), new String[]{"--version"});
        assertTrue(cli.getSubcommands().isEmpty());
        String version = run("--version");
        assertTrue(version.startsWith("0\nLifeboat "), version);
        assertTrue(version.contains("Java "), version);
        assertTrue(!LifeboatCli.namesACommand(new String[]{"--version"})
                && !LifeboatCli.namesACommand(new String[]{"--folder", "x", "help", "backup"})
                && LifeboatCli.namesACommand(new String[]{"--folder", "backup", "list"}));
        // only a restore's or verify's warm-up is cut to the settings' reader: its entry is read at once
        assertTrue(LifeboatCli.readsABackupFirst(new String[]{"--folder", "backup", "restore", "latest", "--yes"})
                && LifeboatCli.readsABackupFirst(new String[]{"verify", "latest", "--depth", "full"})
                && !LifeboatCli.readsABackupFirst(new String[]{"--folder", "restore", "backup", "--db", "x"})
                && !LifeboatCli.readsABackupFirst(new String[]{"list"}));
    }

    @Test
    void helpForOneCommandAndAMisspeltCommandStillWork() {
        assertTrue(run("help", "verify").contains("--depth"));
        String misspelt = run("bakup", "--db", "x");
        assertTrue(misspelt.startsWith("2\n"), misspelt);
        assertTrue(misspelt.contains("Unmatched argument") || misspelt.contains("Did you mean"), misspelt);
    }

    @Test
    void helpWorksOnEveryCommandAndSubcommand() {
        CommandLine all = LifeboatCli.commandLine(new LifeboatCli(), new String[0]);
        for (var command : all.getSubcommands().entrySet()) {
            List<List<String>> paths = new java.util.ArrayList<>();
            paths.add(List.of(command.getKey()));
            command.getValue().getSubcommands().keySet().forEach(sub -> paths.add(List.of(command.getKey(), sub)));
            for (List<String> path : paths) {
                List<String> args = new java.util.ArrayList<>(path);
                args.add("--help");
                String help = run(args.toArray(String[]::new));
                assertTrue(help.startsWith("0\n") && help.contains("Usage: lifeboat " + String.join(" ", path)),
                        String.join(" ", args) + " printed:\n" + help);
            }
        }
        assertTrue(run("prune", "--help").startsWith("0\n"));
        assertTrue(run("backup", "-h").contains("Usage: lifeboat backup"));
    }
}
