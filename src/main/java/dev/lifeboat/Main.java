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
        } else {
            Thread warmUp = new Thread(Main::warmUp, "lifeboat-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
            System.exit(dev.lifeboat.cli.LifeboatCli.run(args));
        }
    }

    /**
     * Sets up logging and Jackson's readers and writers for the manifest on a second core while the
     * first parses the command line: a scheduled backup starts pg_dump a quarter of a second sooner.
     * Each step is one the command would take anyway, and the JVM makes the other thread wait for
     * a class being initialised here rather than doing it twice.
     */
    private static void warmUp() {
        LogSetup.prepare();
        Json.MAPPER.readerFor(Manifest.class);
        Json.MAPPER.writerFor(Manifest.class);
        Json.MAPPER.readerFor(Settings.class);
    }
}
