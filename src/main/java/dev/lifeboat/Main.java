package dev.lifeboat;

import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.settings.Settings;
import dev.lifeboat.core.util.Json;

/**
 * The one entry point: with a command it runs the CLI (no display needed); without one it opens
 * the desktop app.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        namedLogProvider();
        if (args.length == 0) {
            dev.lifeboat.ui.DesktopLauncher.launch(args);
        } else if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // picocli's model and logging would be three quarters of the classes this loads (~450)
            for (String line : new dev.lifeboat.cli.LifeboatCli.Version().getVersion()) {
                System.out.println(line);
            }
        } else {
            System.exit(command(args));
        }
    }

    /**
     * Logging through {@link LogProvider}, named here so that SLF4J does not search the class path
     * for one. SLF4J's own notices go unsaid (on stderr they would reach a command's output): that
     * it uses the named provider, and that the lines logged while it was set up were logged after.
     */
    static void namedLogProvider() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", LogProvider.class.getName());
            if (System.getProperty("slf4j.internal.verbosity") == null) {
                System.setProperty("slf4j.internal.verbosity", "ERROR");
            }
        }
    }

    /** Runs one command line as the CLI does and returns its exit code (also used by {@link AotTraining}). */
    static int command(String[] args) {
        if (dev.lifeboat.cli.LifeboatCli.namesACommand(args)) {
            // Logging is set up on a thread of its own, begun before the early work below: a thread that
            // asks for a logger while SLF4J is being set up by another is given a stand-in and goes on,
            // where the first to ask does the setting up itself (55 ms of a cold JVM's start), and that
            // was the thread reading a restore's backup, or the one connecting for a backup's pg_dump.
            warmUp("lifeboat-warm-up-logging", LogSetup::prepare);
            LogProvider.awaitBegun();
            // Then the connection (and a backup's pg_dump on it): on two cores the threads started
            // here share them, and the one that starts the first tool should not start last.
            dev.lifeboat.cli.LifeboatCli.startEarly(args);
            // --version and --help use neither: their threads would only take CPU from the answer
            // a restore's or verify's entry is read at once on its own thread (EarlyRestore), which builds
            // the entry's reader itself; the manifest's reader and writer built here would only compete
            // with it and the plan for the two cores before the loader
            warmUp("lifeboat-warm-up-json", dev.lifeboat.cli.LifeboatCli.readsABackupFirst(args)
                    ? () -> Json.MAPPER.readerFor(Settings.class) : Main::prepareJson);
        }
        int code = dev.lifeboat.cli.LifeboatCli.run(args);
        dev.lifeboat.core.backup.EarlyDump.discardUnused();
        dev.lifeboat.core.restore.EarlyCreate.dropUnclaimed();
        dev.lifeboat.core.verify.VerifyService.dropUnclaimedScratch();
        dev.lifeboat.core.pg.EarlyConnection.closeUnused();
        return code;
    }

    /**
     * Sets up Jackson (for the settings and the manifest) and logging on other threads while the
     * main one parses the command line: each takes a fifth of a second on a cold JVM, and a
     * scheduled backup starts pg_dump that much sooner. Each step is one the command would take
     * anyway, and the JVM makes a thread that needs a class being initialised here wait for it
     * rather than doing the work twice.
     */
    private static void warmUp(String name, Runnable work) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.start();
    }

    private static void prepareJson() {
        Json.MAPPER.readerFor(Settings.class);
        Json.MAPPER.readerFor(Manifest.class);
        Json.MAPPER.writerFor(Manifest.class);
    }
}
