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

    /** Runs one command line as the CLI does and returns its exit code (also used by {@link AotTraining}). */
    static int command(String[] args) {
        if (dev.lifeboat.cli.LifeboatCli.namesACommand(args)) {
            // First the connection (and a backup's pg_dump on it): on two cores the threads started
            // here share them, and the one that starts the first tool should not start last.
            dev.lifeboat.cli.LifeboatCli.startEarly(args);
            // --version and --help use neither: their threads would only take CPU from the answer
            // a restore's or verify's entry is read at once on its own thread (EarlyRestore), which builds
            // the entry's reader itself; the manifest's reader and writer built here would only compete
            // with it and the plan for the two cores before the loader
            warmUp("lifeboat-warm-up-json", dev.lifeboat.cli.LifeboatCli.readsABackupFirst(args)
                    ? () -> Json.MAPPER.readerFor(Settings.class) : Main::prepareJson);
            warmUp("lifeboat-warm-up-logging", LogSetup::prepare);
        }
        int code = dev.lifeboat.cli.LifeboatCli.run(args);
        dev.lifeboat.core.backup.EarlyDump.discardUnused();
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
