package dev.lifeboat.cli;

import dev.lifeboat.core.ProgressListener;

import java.io.PrintWriter;
import java.util.Locale;

/** Progress on the terminal: one rewritten line when a person watches, nothing in scripts. */
final class ConsoleProgress implements ProgressListener {
    private final PrintWriter err;
    private final boolean interactive;
    private long lastPrint;
    private String lastMessage = "";

    ConsoleProgress(PrintWriter err) {
        this.err = err;
        this.interactive = System.console() != null;
    }

    @Override
    public void progress(double done, double total, String message) {
        if (!interactive) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastPrint < 200 && message.equals(lastMessage)) {
            return;
        }
        lastPrint = now;
        lastMessage = message;
        String pct = total > 0 && done >= 0 ? String.format(Locale.ROOT, "%3.0f%% ", 100 * done / total) : "     ";
        String line = pct + message;
        err.print("\r" + (line.length() > 100 ? line.substring(0, 100) : String.format("%-100s", line)));
        err.flush();
    }

    void finish() {
        if (interactive && lastPrint > 0) {
            err.print("\r" + " ".repeat(105) + "\r");
            err.flush();
        }
    }
}
