package dev.lifeboat.core.backup;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.LogContext;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The backup's file claimed on another thread while pg_dump's first output is kept in memory. The
 * claim waits for the manifest's check and fsyncs the journal's intent and the new file (30-140 ms on
 * the shared machine); pg_dump's pipe holds 64 KB, which it fills in about 10 ms once its catalog
 * queries are done, and it then waits for the claim. Read here meanwhile (only what is already in
 * the pipe, so a failed claim is reported at once and kills pg_dump as before), its output goes on.
 * Nothing reaches the disk before the claim; the bytes kept go first into the claimed file.
 */
final class ClaimWhileReading {
    /** What is kept at most before the claim is made; then pg_dump waits, as it did before. */
    static final int MAX_AHEAD = 64 << 20;
    private static final long POLL_MILLIS = 2;

    private final DumpWriter.Output output;
    private final ByteArrayOutputStream ahead;

    private ClaimWhileReading(DumpWriter.Output output, ByteArrayOutputStream ahead) {
        this.output = output;
        this.ahead = ahead;
    }

    /** Claims the output on a thread of its own while keeping what {@code in} holds; rethrows the claim's failure. */
    static ClaimWhileReading claim(DumpWriter.OutputClaim claim, InputStream in) throws IOException {
        CompletableFuture<DumpWriter.Output> claimed = new CompletableFuture<>();
        // with this thread's operation context (its log lines, and those of the roles job it starts)
        Supplier<Object> work = LogContext.carried(() -> {
            try {
                claimed.complete(claim.claim());
            } catch (Throwable e) {
                claimed.completeExceptionally(e);
            }
            return null;
        });
        Thread t = new Thread(work::get, "lifeboat-claim");
        t.setDaemon(true);
        t.start();
        ByteArrayOutputStream ahead = new ByteArrayOutputStream(1 << 20);
        byte[] buf = new byte[1 << 16];
        boolean read = false;
        try {
            while (!claimed.isDone()) {
                int available = in.available();
                if (available > 0 && ahead.size() < MAX_AHEAD) {
                    int n = in.read(buf, 0, Math.min(available, buf.length));
                    if (n > 0) {
                        ahead.write(buf, 0, n);
                    }
                    continue;
                }
                try {
                    claimed.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // still claiming: look at the pipe again
                }
            }
            read = true;
            return new ClaimWhileReading(claimed.get(), ahead);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw LifeboatException.cancelled("The backup");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        } finally {
            if (!read) {
                // a failure here (cancelled, the pipe broken): let the claim end before the backup releases
                // what it claimed, so that no file or journal intent is made after the release
                claimed.handle((o, e) -> null).join();
            }
        }
    }

    DumpWriter.Output output() {
        return output;
    }

    /** The archive from its first byte: what was kept, then the rest of the pipe. */
    InputStream archive(InputStream rest) {
        return ahead.size() == 0 ? rest : new SequenceInputStream(new ByteArrayInputStream(ahead.toByteArray()), rest);
    }
}
