package dev.lifeboat.core.pg;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.util.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.event.Level;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The one way Lifeboat starts pg_dump, pg_restore, pg_dumpall and psql: an argument list (never a
 * shell string), the password through the environment (never the command line), stderr streamed
 * line by line to the log, and a cancel that kills the process and its children at once.
 */
public final class ProcessRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    private static final int TAIL_LINES = 30;

    /** Reads the child's standard output; runs on the calling thread. */
    @FunctionalInterface
    public interface OutputHandler {
        void consume(InputStream stdout) throws IOException;
    }

    /** Opens the stream to feed into a child's standard input. */
    @FunctionalInterface
    public interface InputSupplier {
        InputStream open() throws IOException;
    }

    /** What a finished child left: its exit code and the last lines it wrote to stderr. */
    public record Result(int exitCode, List<String> stderrTail) {
        public boolean ok() {
            return exitCode == 0;
        }

        /**
         * The child died of a signal (kill -9, the OOM killer): Java reports 128 + the signal on
         * Unix. Its output then says nothing about its input.
         */
        public boolean killed() {
            return exitCode > 128 && exitCode < 160 && !System.getProperty("os.name", "").toLowerCase().contains("win");
        }

        /** The lines that explain a failure, for a message: errors first, else the tail. */
        public String summary() {
            List<String> errors = stderrTail.stream()
                    .filter(l -> l.contains("error") || l.contains("ERROR") || l.contains("FATAL")
                            || l.contains("fatal") || l.contains("could not"))
                    .toList();
            List<String> chosen = errors.isEmpty() ? stderrTail : errors;
            int from = Math.max(0, chosen.size() - 5);
            return String.join("\n", chosen.subList(from, chosen.size()));
        }
    }

    /** One invocation: arguments, the connection whose password goes into the environment, I/O. */
    public static final class Invocation {
        private final List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private OutputHandler stdout;
        private Path stdinFile;
        private InputSupplier stdinStream;
        private Consumer<String> stderrListener = line -> { };
        private boolean progressAtDebug;

        public Invocation(ToolInstallation tool, List<String> args) {
            this.command = new ArrayList<>();
            this.command.add(tool.path().toString());
            this.command.addAll(args);
        }

        public Invocation connection(ConnectionSpec spec) {
            spec.withResolvedPassword().password().ifPresent(p -> environment.put("PGPASSWORD", p));
            return this;
        }

        public Invocation stdout(OutputHandler handler) {
            this.stdout = handler;
            return this;
        }

        public Invocation stdinFrom(Path file) {
            this.stdinFile = file;
            return this;
        }

        /** Feeds the child's standard input from a stream (a decompressed .sql.gz, say). */
        public Invocation stdinFrom(InputSupplier supplier) {
            this.stdinStream = supplier;
            return this;
        }

        public Invocation onStderrLine(Consumer<String> listener) {
            this.stderrListener = listener;
            return this;
        }

        /**
         * The tool was asked for --verbose to drive a progress bar: its own progress lines go to the
         * log at DEBUG, its warnings and errors (and what follows them) at their own levels. On an
         * archive of 2,000 tables that is thousands of lines, each formatted and written to the log
         * file on its own: a fifth of the JVM's CPU in a backup (JFR), on a machine whose other core
         * pg_dump needs.
         */
        public Invocation progressLinesAtDebug() {
            this.progressAtDebug = true;
            return this;
        }

        public List<String> command() {
            return List.copyOf(command);
        }
    }

    private ProcessRunner() {
    }

    public static Result run(Invocation inv, CancelToken cancel) {
        cancel.throwIfCancelled(commandName(inv));
        LOG.info("Running {}", String.join(" ", inv.command));
        StartedProcess s = start(inv);
        s.announced = true;
        return finish(s, inv, cancel);
    }

    /** Starts the child with its stdin closed or fed as the invocation says; see {@link #finish}. */
    public static StartedProcess start(Invocation inv) {
        ProcessBuilder pb = new ProcessBuilder(inv.command);
        Map<String, String> env = pb.environment();
        env.put("PGAPPNAME", Pg.APPLICATION_NAME);
        env.put("PGCLIENTENCODING", "UTF8");
        env.putIfAbsent("PGCONNECT_TIMEOUT", "10");
        env.putAll(inv.environment);
        pb.redirectInput(inv.stdinFile != null ? ProcessBuilder.Redirect.from(inv.stdinFile.toFile())
                : ProcessBuilder.Redirect.PIPE);
        if (inv.stdout == null) {
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.TOOL_MISSING, "Cannot start " + inv.command.get(0) + ": "
                    + e.getMessage() + ". Check the folder of the PostgreSQL tools Lifeboat uses.", Remedy.CHOOSE_TOOLS_FOLDER, e);
        }
        if (inv.stdinStream != null) {
            startStdinFeeder(process, inv.stdinStream);
        } else if (inv.stdinFile == null) {
            try {
                process.getOutputStream().close();
            } catch (IOException ignored) {
                // the child may already be gone; its exit code will tell
            }
        }
        StartedProcess s = new StartedProcess(process, commandName(inv));
        s.startPump();
        return s;
    }

    /**
     * Handles a started child's output as {@code inv} says (its stdout on this thread, its stderr to the
     * log and the listener) until it exits. {@code inv} is the invocation it was started with, or one
     * with the same command and the handlers to use.
     */
    public static Result finish(StartedProcess s, Invocation inv, CancelToken cancel) {
        Process process = s.process();
        if (!s.announced) {
            // the line run() writes before a start, here with the operation's context
            LOG.info("Running {} (started {} ago, before its output was handled)", String.join(" ", inv.command),
                    Sizes.seconds((System.nanoTime() - s.started()) / 1e9));
        }
        Runnable unhook = cancel.onCancel(() -> kill(process));
        s.attach(stderrHandler(s, inv));
        try {
            if (inv.stdout != null) {
                try (InputStream out = process.getInputStream()) {
                    inv.stdout.consume(out);
                }
            }
            int code = process.waitFor();
            s.joinPump();
            if (inv.progressAtDebug) {
                LOG.info("{} exited with code {} after {}; its {} progress lines are logged at DEBUG level",
                        s.name(), code, Sizes.seconds((System.nanoTime() - s.started()) / 1e9), s.debugLines());
            }
            cancel.throwIfCancelled(s.name());
            return new Result(code, s.tail());
        } catch (IOException e) {
            kill(process);
            cancel.throwIfCancelled(s.name());
            throw new UncheckedProcessIo(e);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw LifeboatException.cancelled(s.name());
        } finally {
            unhook.run();
            if (process.isAlive()) {
                kill(process);
            }
        }
    }

    /**
     * How serious a line of pg_dump's or pg_restore's stderr is, from the tools' own prefixes
     * ("pg_restore: error:", "pg_dump: warning:") and the server's (ERROR:, FATAL:, WARNING:), so
     * that a DBA filtering the log for warnings sees them; progress chatter stays info.
     */
    static Level levelOf(String line) {
        String l = line.toLowerCase(java.util.Locale.ROOT);
        if (l.contains(": error:") || l.contains("error:  ") || l.startsWith("error:") || l.contains(" error: ")
                || l.contains("fatal:") || l.contains("could not ")) {
            return Level.ERROR;
        }
        if (l.contains("warning:") || l.contains("errors ignored on restore")) {
            return Level.WARN;
        }
        return Level.INFO;
    }

    /**
     * Each stderr line to the log (progress lines at DEBUG when asked), into the tail kept for a failure's
     * message, and to the listener; with the operation's MDC of the thread that attaches it.
     */
    private static Consumer<String> stderrHandler(StartedProcess s, Invocation inv) {
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        Logger toolLog = LoggerFactory.getLogger("pg." + s.name());
        String ownLine = s.name() + ": ";
        Consumer<String> listener = inv.stderrListener;
        boolean progressAtDebug = inv.progressAtDebug;
        return line -> {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            switch (levelOf(line)) {
                case ERROR -> toolLog.error("{}", line);
                case WARN -> toolLog.warn("{}", line);
                default -> {
                    // "Command was: ..." and the SQL after an error are no progress: they stay at INFO
                    if (!progressAtDebug || !line.startsWith(ownLine)) {
                        toolLog.info("{}", line);
                    } else {
                        s.countDebugLine();
                        toolLog.debug("{}", line);
                    }
                }
            }
            s.keep(line, TAIL_LINES);
            listener.accept(line);
        };
    }

    private static void startStdinFeeder(Process process, InputSupplier supplier) {
        Thread t = new Thread(() -> {
            try (InputStream in = supplier.open(); var out = process.getOutputStream()) {
                // flushed whenever the source pauses: a stream written as it goes (a script whose
                // end waits for the child's answer) must reach the child without waiting for more
                byte[] buffer = new byte[1 << 16];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                    if (in.available() == 0) {
                        out.flush();
                    }
                }
            } catch (IOException e) {
                LOG.debug("Feeding the child's input stopped: {}", e.getMessage());
                kill(process);
            }
        }, "stdin-feeder");
        t.setDaemon(true);
        t.start();
    }

    /** Kills the child and everything it started (pg_restore -j forks workers). */
    public static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String commandName(Invocation inv) {
        return Path.of(inv.command.get(0)).getFileName().toString().replace(".exe", "");
    }

    /** An I/O failure while handling a child's output; the caller decides what it means. */
    public static final class UncheckedProcessIo extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UncheckedProcessIo(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }
}
