package dev.lifeboat.core.pg;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * A child started ahead of the work that handles its output (a backup's pg_dump, started while the
 * command line is still being read): its stderr is read from the start and kept until
 * {@link ProcessRunner#finish} attaches the handling; its stdout waits in the pipe.
 */
public final class StartedProcess {
    private final Process process;
    private final String name;
    private final long started;
    private final Deque<String> tail = new ArrayDeque<>();
    private final List<String> early = new ArrayList<>();
    private final Thread pump;
    private Consumer<String> handler;
    private long debugLines;
    /** Whether the "Running ..." line was logged at the start (else {@link ProcessRunner#finish} logs it). */
    boolean announced;

    StartedProcess(Process process, String name) {
        this.process = process;
        this.name = name;
        this.started = System.nanoTime();
        this.pump = new Thread(this::pumpStderr, name + "-stderr");
        this.pump.setDaemon(true);
    }

    /** Kills the child (and its children) when no one will handle it. */
    public void discard() {
        ProcessRunner.kill(process);
    }

    private void pumpStderr() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                Consumer<String> h;
                synchronized (this) {
                    h = handler;
                    if (h == null) {
                        early.add(line);
                    }
                }
                if (h != null) {
                    h.accept(line);
                }
            }
        } catch (IOException ignored) {
            // the stream closes when the process is killed
        }
    }

    /** From now on each line goes to the handler on the pump's thread; the lines read so far go first, here. */
    void attach(Consumer<String> lineHandler) {
        synchronized (this) {
            early.forEach(lineHandler);
            early.clear();
            handler = lineHandler;
        }
    }

    void startPump() {
        pump.start();
    }

    void joinPump() throws InterruptedException {
        pump.join();
    }

    Process process() {
        return process;
    }

    String name() {
        return name;
    }

    long started() {
        return started;
    }

    long debugLines() {
        return debugLines;
    }

    void countDebugLine() {
        debugLines++;
    }

    /** Keeps the line among the last {@code max} ones, for a failure's message. */
    void keep(String line, int max) {
        synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > max) {
                tail.removeFirst();
            }
        }
    }

    List<String> tail() {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }
}
