package dev.lifeboat.core.archive;

import java.io.IOException;
import java.io.InputStream;

/**
 * pg_restore's script as psql reads it, less its last {@value #HELD_BACK} bytes until pg_restore
 * has exited 0. The script's COMMIT is within them (only a comment and psql's unrestrict command follow
 * it), so a pg_restore that dies or fails never lets psql commit what it loaded so far: psql reads
 * an unfinished script and ends without COMMIT, and the server rolls the transaction back.
 *
 * <p>Two threads meet here: pg_restore's ({@link #readFrom}, which hands its stdout over and waits
 * until it has been read to its end, and {@link #finished}, its verdict) and the one feeding psql's
 * stdin ({@link #read}). The bytes go through one buffer, copied once on their way.
 */
final class HeldBackTail extends InputStream {
    static final int HELD_BACK = 8192;
    private static final int CHUNK = 1 << 16;

    private final Object lock = new Object();
    /** Bytes read but not yet passed on: the tail held back is always at its start. */
    private final byte[] buffer = new byte[HELD_BACK + CHUNK];
    private int held;
    private InputStream source;
    private boolean drained;
    private boolean closed;
    private Boolean verdict;
    private int released = -1;

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
        if (released >= 0) {
            return releaseTail(b, off, len);
        }
        InputStream in = awaitSource();
        while (true) {
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
                return releaseTail(b, off, len);
            }
            held += n;
        }
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
}
