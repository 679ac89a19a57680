package dev.lifeboat;

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
            System.exit(dev.lifeboat.cli.LifeboatCli.run(args));
        }
    }
}
