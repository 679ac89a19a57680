package dev.lifeboat.core.archive;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.pg.ProcessRunner;
import dev.lifeboat.core.util.LogContext;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * pg_restore's script as psql reads it, less its last {@value #HELD_BACK} bytes until pg_restore
 * has exited 0. The script's COMMIT is within them (only a comment and psql's unrestrict command follow
 * it), so a pg_restore that dies or fails never lets psql commit what it loaded so far: psql reads
 * an unfinished script and ends without COMMIT, and the server rolls the transaction back.
 *
 * <p>Two threads meet here: pg_restore's ({@link #readFrom}, which hands its stdout over and waits
 * until it has been read to its end, and {@link #finished}, its verdict) and the one feeding psql's
 * stdin ({@link #read}). The bytes go through one buffer, copied once on their way.
 *
 * <p>The in-place restore wraps the script in a transaction of its own: SQL before it, a stop at the
 * first error that is not tolerated (psql's input ends there, uncommitted), and an ending asked for
 * only once the whole script has passed, which may wait for psql before it says COMMIT.
 *
 * <p>A {@link CommitGate} holds the tail too: the archive's SHA-256, checked while pg_restore runs.
 * When it fails the script ends at the next chunk, or at the latest where the tail would be released.
 */
final class HeldBackTail extends InputStream {
    static final int HELD_BACK = 8192;
    private static final int CHUNK = 1 << 16;

    /** What follows the script, asked for piece by piece on the thread feeding psql; it may block. */
    @FunctionalInterface
    interface Ending {
        /** The next bytes for psql, or null when its input ends. */
        byte[] next() throws IOException;
    }

    private final byte[] head;
    private final BooleanSupplier stop;
    private final Ending ending;
    private final CommitGate gate;
    private int headPassed;
    private byte[] endingPart;
    private int endingPassed;
    private boolean ended;

    private final Object lock = new Object();
    /** Bytes read but not yet passed on: the tail held back is always at its start. */
    private final byte[] buffer = new byte[HELD_BACK + CHUNK];
    private int held;
    private InputStream source;
    private boolean drained;
    private boolean closed;
    private Boolean verdict;
    private int released = -1;
    /** pg_restore's result, completed on its thread once it has exited. */
    private final CompletableFuture<ProcessRunner.Result> generated = new CompletableFuture<>();

    /** pg_restore's script alone: what it writes is what psql runs. */
    HeldBackTail() {
        this(CommitGate.open());
    }

    /**
     * pg_restore's script alone, whose tail also waits for the gate (the archive's SHA-256 checked
     * beside the load): the script ends at once, uncommitted, when the gate fails.
     */
    HeldBackTail(CommitGate gate) {
        this(gate, new byte[0]);
    }

    /** As above, then {@code after} once the script (and its COMMIT) has passed: SQL for the same session. */
    HeldBackTail(CommitGate gate, byte[] after) {
        this(new byte[0], gate::failed, once(after), gate);
    }

    private static Ending once(byte[] after) {
        boolean[] given = {after.length == 0};
        return () -> {
            if (given[0]) {
                return null;
            }
            given[0] = true;
            return after.clone();
        };
    }

    /**
     * @param head   SQL psql runs before the script
     * @param stop   whether to end psql's input now (checked before each chunk of the script)
     * @param ending what psql runs after the script, once pg_restore exited 0
     */
    HeldBackTail(byte[] head, BooleanSupplier stop, Ending ending) {
        this(head, stop, ending, CommitGate.open());
    }

    private HeldBackTail(byte[] head, BooleanSupplier stop, Ending ending, CommitGate gate) {
        this.head = head.clone();
        this.stop = stop;
        this.ending = ending;
        this.gate = gate;
    }

    /** pg_restore's thread: hands over its stdout and returns once it was read to its end (or psql is gone). */
    void readFrom(InputStream stdout) throws IOException {
        synchronized (lock) {
            source = stdout;
            lock.notifyAll();
            while (!drained && !closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while psql read the script", e);
                }
            }
        }
    }

    /** pg_restore's thread: whether it exited 0, after its stdout ended. */
    void finished(boolean ok) {
        synchronized (lock) {
            verdict = ok;
            lock.notifyAll();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (headPassed < head.length) {
            int n = Math.min(len, head.length - headPassed);
            System.arraycopy(head, headPassed, b, off, n);
            headPassed += n;
            return n;
        }
        if (released >= 0) {
            int n = releaseTail(b, off, len);
            return n >= 0 ? n : passEnding(b, off, len);
        }
        InputStream in = awaitSource();
        while (true) {
            if (stop.getAsBoolean()) {
                close(); // pg_restore's thread stops waiting; its stdout closes under it
                return -1;
            }
            if (held > HELD_BACK) {
                int pass = Math.min(len, held - HELD_BACK);
                System.arraycopy(buffer, 0, b, off, pass);
                System.arraycopy(buffer, pass, buffer, 0, held - pass);
                held -= pass;
                return pass;
            }
            int n = in.read(buffer, held, buffer.length - held);
            if (n < 0) {
                endOfScript();
                return read(b, off, len);
            }
            held += n;
        }
    }

    /** After the script: the ending's pieces, one after another, until it has no more. */
    private int passEnding(byte[] b, int off, int len) throws IOException {
        while (!ended) {
            if (endingPart != null && endingPassed < endingPart.length) {
                int n = Math.min(len, endingPart.length - endingPassed);
                System.arraycopy(endingPart, endingPassed, b, off, n);
                endingPassed += n;
                return n;
            }
            endingPart = ending.next();
            endingPassed = 0;
            ended = endingPart == null;
        }
        return -1;
    }

    private int releaseTail(byte[] b, int off, int len) {
        if (released >= held) {
            return -1;
        }
        int n = Math.min(len, held - released);
        System.arraycopy(buffer, released, b, off, n);
        released += n;
        return n;
    }

    /** The script's end: lets pg_restore's thread go on to its exit code, and waits for it. */
    private void endOfScript() throws IOException {
        synchronized (lock) {
            drained = true;
            lock.notifyAll();
            while (verdict == null && !closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for pg_restore", e);
                }
            }
            if (!Boolean.TRUE.equals(verdict)) {
                throw new IOException("pg_restore did not finish the script: its end (and COMMIT) is held back");
            }
        }
        // outside the lock: pg_restore's thread may still want it to report its exit
        if (!gate.passes()) {
            close();
            throw new IOException("the archive did not pass its check: the script's end (and COMMIT) is held back");
        }
        released = 0;
    }

    private InputStream awaitSource() throws IOException {
        synchronized (lock) {
            while (source == null && verdict == null && !closed) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while waiting for pg_restore", e);
                }
            }
            if (source == null) {
                throw new IOException("pg_restore did not start writing the script");
            }
            return source;
        }
    }

    /** Whether pg_restore's stdout was read to its end: psql took the whole script but its held-back tail. */
    boolean drained() {
        synchronized (lock) {
            return drained;
        }
    }

    /** psql's side is done (or gone): pg_restore's thread stops waiting; the script stops here. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            lock.notifyAll();
        }
    }

    /** Runs pg_restore on a thread of its own; its stdout is handed to this script, which psql reads. */
    void startGenerator(ProcessRunner.Invocation generate, CancelToken cancel) {
        // Its log lines carry the operation id of the restore that started it (MDC), as every helper thread's do.
        Runnable work = () -> LogContext.carried(() -> {
            try {
                ProcessRunner.Result g = ProcessRunner.run(generate.stdout(this::readFrom), cancel);
                finished(g.ok());
                generated.complete(g);
            } catch (RuntimeException e) {
                finished(false);
                generated.completeExceptionally(e);
            }
            return null;
        }).get();
        Thread producer = new Thread(work, "restore-script");
        producer.setDaemon(true);
        producer.start();
    }

    /** pg_restore's result, once it has exited; call after psql is done (and {@link #close} called). */
    ProcessRunner.Result awaitGenerator() {
        try {
            return generated.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LifeboatException.cancelled("The restore");
        }
    }
}
