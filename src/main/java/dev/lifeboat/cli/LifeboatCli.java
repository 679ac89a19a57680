package dev.lifeboat.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.settings.AppPaths;
import dev.lifeboat.core.settings.SettingsStore;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;

/** The command line: thin commands over the core, each failure mapped to its documented exit code. */
@Command(name = "lifeboat", mixinStandardHelpOptions = true, versionProvider = LifeboatCli.Version.class,
        description = "Back up, verify and restore PostgreSQL databases, and trust the result.",
        subcommands = {BackupCommand.class, ListCommand.class, VerifyCommand.class, ImportCommand.class,
                RestoreCommand.class, OperationsCommands.Rollback.class, OperationsCommands.Discard.class,
                OperationsCommands.History.class, RetentionCommands.Retention.class, RetentionCommands.Prune.class,
                HealthCommand.class, RunCommand.class, ScheduleCommands.ScheduleGroup.class, ScheduleCommands.Run.class,
                ManifestCommand.class, ConnectionsCommand.class,
                CommandLine.HelpCommand.class})
public final class LifeboatCli {
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
        if (pgBin != null) {
            return PgToolLocator.standard(pgBin);
        }
        String saved = settings.load().pgBinFolder();
        return PgToolLocator.standard(saved == null || saved.isBlank() ? null : Path.of(saved));
    }

    SettingsStore settings() {
        return settings;
    }

    public static int run(String[] args) {
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        LifeboatCli root = new LifeboatCli();
        CommandLine cli = new CommandLine(root);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionStrategy(parsed -> {
            setConsoleLevel(root.verbose ? Level.INFO : Level.WARN);
            return new CommandLine.RunLast().execute(parsed);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof LifeboatException le) {
                LoggerFactory.getLogger(LifeboatCli.class).debug("{} failed", commandLine.getCommandName(), le);
                err.println("lifeboat: " + le.getMessage());
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

    private static void setConsoleLevel(Level level) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var appender = root.getAppender("STDERR");
        if (appender != null) {
            appender.clearAllFilters();
            ch.qos.logback.classic.filter.ThresholdFilter f = new ch.qos.logback.classic.filter.ThresholdFilter();
            f.setLevel(level.levelStr);
            f.start();
            appender.addFilter(f);
        }
    }

    /** The version from the jar's manifest (the pom's version). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LifeboatCli.class.getPackage().getImplementationVersion();
            return new String[]{"Lifeboat " + (v == null ? "development build" : v),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
