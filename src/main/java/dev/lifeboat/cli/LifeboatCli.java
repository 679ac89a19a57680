package dev.lifeboat.cli;

import dev.lifeboat.LogSetup;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.backup.EarlyDump;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.EarlyConnection;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.settings.AppPaths;
import dev.lifeboat.core.settings.SettingsStore;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The command line: thin commands over the core, each failure mapped to its documented exit code. */
@Command(name = "lifeboat", mixinStandardHelpOptions = true, versionProvider = LifeboatCli.Version.class,
        description = "Back up, verify and restore PostgreSQL databases, and trust the result.")
public final class LifeboatCli {
    /** The commands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(BackupCommand.class, ListCommand.class,
            VerifyCommand.class, ImportCommand.class, RestoreCommand.class, OperationsCommands.Rollback.class,
            OperationsCommands.Discard.class, OperationsCommands.History.class, RetentionCommands.Retention.class,
            RetentionCommands.Prune.class, HealthCommand.class, RunCommand.class, ScheduleCommands.ScheduleGroup.class,
            ScheduleCommands.Run.class, ManifestCommand.class, RecoverCommand.class, ConnectionsCommand.class,
            DestinationCommands.class, CopyCommand.class, KeyCommand.class,
            NotifyCommands.class, KeepCommands.Pin.class, KeepCommands.Unpin.class, KeepCommands.Delete.class,
            CommandLine.HelpCommand.class);
    /** Root options that take a value, so that the value is not taken for the command's name. */
    private static final Set<String> OPTIONS_WITH_VALUE = Set.of("--folder", "--pg-bin");

    @Option(names = "--folder", paramLabel = "DIR", description = "Backup folder (default: ${DEFAULT-VALUE}).")
    Path folder = AppPaths.defaultBackupFolder();

    @Option(names = "--pg-bin", paramLabel = "DIR", description = "Folder of pg_dump/pg_restore to use "
            + "(default: the setting, else PATH and the usual install places).")
    Path pgBin;

    @Option(names = {"-v", "--verbose"}, description = "Show what Lifeboat and the PostgreSQL tools do.")
    boolean verbose;

    private final SettingsStore settings = SettingsStore.standard();

    ManifestStore store() {
        return new ManifestStore(folder);
    }

    PgToolLocator tools() {
        return settings.tools(pgBin);
    }

    SettingsStore settings() {
        return settings;
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        LifeboatCli root = new LifeboatCli();
        CommandLine cli = commandLine(root, args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionStrategy(parsed -> {
            LogSetup.prepare(); // begun on another thread at start; the command may log from here on
            if (root.verbose) {
                LogSetup.verbose(); // warnings only otherwise, as configured
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof LifeboatException le) {
                LoggerFactory.getLogger(LifeboatCli.class).debug("{} failed", commandLine.getCommandName(), le);
                err.println("lifeboat: " + le.getMessage());
                String remedy = ConnectionOptions.render(le.remedy());
                if (remedy != null) {
                    err.println("  " + remedy);
                }
                return le.code().exitCode();
            }
            LoggerFactory.getLogger(LifeboatCli.class).error("Unexpected failure", e);
            err.println("lifeboat: unexpected error: " + e + ". Please report it with the log ("
                    + AppPaths.logFolder() + ").");
            return ErrorCode.INTERNAL.exitCode();
        });
        cli.setParameterExceptionHandler((e, a) -> {
            err.println("lifeboat: " + e.getMessage());
            e.getCommandLine().usage(err);
            return ErrorCode.USAGE.exitCode();
        });
        return cli.execute(args);
    }

    /**
     * The command line with only the command being run when it is named, else all of them (for
     * help, and for picocli's "did you mean" on a misspelt one). Building the model of every command
     * by reflection cost a twentieth of a second at each start of a scheduled run.
     */
    static CommandLine commandLine(LifeboatCli root, String[] args) {
        CommandLine cli = new CommandLine(root);
        String wanted = commandName(args);
        boolean known = COMMANDS.stream().anyMatch(c -> nameOf(c).equals(wanted)) && !"help".equals(wanted);
        // `lifeboat --version` shows no command: building all 25 by reflection was most of its 0.4 s
        boolean versionOnly = wanted == null && Arrays.stream(args).anyMatch(a -> a.equals("--version") || a.equals("-V"));
        for (Class<?> command : COMMANDS) {
            if (versionOnly) {
                break;
            }
            if (!known || nameOf(command).equals(wanted)) {
                cli.addSubcommand(command);
            }
        }
        cli.getSubcommands().values().forEach(LifeboatCli::addHelpOption);
        return cli;
    }

    /**
     * -h/--help on a command and each of its subcommands: picocli then shows the usage instead of
     * complaining about a missing required option or an unknown one.
     */
    private static void addHelpOption(CommandLine command) {
        CommandLine.Model.CommandSpec spec = command.getCommandSpec();
        if (spec.findOption("--help") == null) {
            spec.addOption(CommandLine.Model.OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help and exit.").build());
        }
        command.getSubcommands().values().forEach(LifeboatCli::addHelpOption);
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** True when the arguments name a command to run (not only --version or --help). */
    public static boolean namesACommand(String[] args) {
        String wanted = commandName(args);
        return wanted != null && !"help".equals(wanted);
    }

    /**
     * What a command is sure to need from outside, started on other threads while picocli reads the
     * command line (on a cold JVM that takes 0.1 s): the versions of the tools it runs first (a process
     * start each), and for {@code backup --db CONN} its connection, for the password check to take
     * ({@link EarlyConnection}; 80-100 ms of CPU), on which pg_dump -Fc itself starts ({@link EarlyDump}:
     * its catalog queries then overlap the rest of the JVM's start). No connection when the password is to be asked first
     * (-W) or help is asked for; whatever does not parse is left to the command to report.
     */
    public static void startEarly(String[] args) {
        String command = commandName(args);
        Path pgBin = null;
        String db = null;
        boolean globals = true;
        boolean prompt = false;
        boolean parallel = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--pg-bin") && i + 1 < args.length) {
                pgBin = Path.of(args[++i]);
            } else if (a.equals("--db") && i + 1 < args.length) {
                db = args[++i];
            } else if (a.startsWith("--db=")) {
                db = a.substring("--db=".length());
            } else if (a.equals("--jobs") || a.startsWith("--jobs=")) {
                parallel = true;
            } else if (a.equals("--no-globals")) {
                globals = false;
            } else if (a.equals("--password") || a.equals("--help")
                    || (a.startsWith("-") && !a.startsWith("--") && (a.contains("W") || a.contains("h")))) {
                prompt = true;
            }
        }
        List<PgTool> tools = switch (command == null ? "" : command) {
            case "backup" -> globals ? List.of(PgTool.PG_DUMP, PgTool.PG_DUMPALL) : List.of(PgTool.PG_DUMP);
            // psql runs the script of a restore in one transaction (and every in-place one): without it
            // here its version is asked between CREATE DATABASE and the restore's start
            case "restore", "verify" -> List.of(PgTool.PG_RESTORE, PgTool.PSQL);
            default -> List.of();
        };
        if (!tools.isEmpty()) {
            Path folder = pgBin;
            Thread t = new Thread(() -> {
                PgToolLocator locator = SettingsStore.standard().tools(folder);
                tools.forEach(locator::findAll); // remembered for this process, keyed by the executable
            }, "lifeboat-find-tools");
            t.setDaemon(true);
            t.start();
        }
        if ("restore".equals(command) || "verify".equals(command)) {
            EarlyRestore.start(args, prompt);
        }
        if ("backup".equals(command) && db != null && !prompt) {
            String text = db;
            Path folder = pgBin;
            // pg_dump -Fc itself starts on that connection (not for --jobs: pg_dump -Fd writes files itself)
            EarlyConnection.start(() -> SettingsStore.standard().resolve(text), parallel ? (spec, c) -> () -> { }
                    : (spec, c) -> EarlyDump.start(c, spec, SettingsStore.standard().tools(folder)));
        }
    }

    /** Whether the command is a restore or a verify, whose backup's entry {@link #startEarly} reads at once. */
    public static boolean readsABackupFirst(String[] args) {
        String command = commandName(args);
        return "restore".equals(command) || "verify".equals(command);
    }

    /** The first word that is neither a root option nor its value; null when there is none. */
    static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** The version from the jar's manifest (the pom's version); also printed by Main without picocli. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Version.class.getPackage().getImplementationVersion();
            return new String[]{"Lifeboat " + (v == null ? "development build" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
