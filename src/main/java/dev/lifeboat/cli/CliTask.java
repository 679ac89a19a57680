package dev.lifeboat.cli;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;

import java.io.PrintWriter;
import java.util.function.BiFunction;

/**
 * Runs one long core operation for a command: progress on the terminal, and Ctrl+C (or a
 * scheduler's stop) cancels it so pg_dump or pg_restore is killed and core cleans up.
 */
final class CliTask {
    private CliTask() {
    }

    static <T> T run(BiFunction<ProgressListener, CancelToken, T> work) {
        ConsoleProgress progress = new ConsoleProgress(new PrintWriter(System.err, true));
        CancelToken cancel = new CancelToken();
        Thread hook = new Thread(cancel::cancel, "lifeboat-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return work.apply(progress, cancel);
        } finally {
            progress.finish();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // the JVM is already shutting down
            }
        }
    }
}
