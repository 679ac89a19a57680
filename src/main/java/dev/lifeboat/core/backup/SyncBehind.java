package dev.lifeboat.core.backup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes a dump into its file and, every {@link #EVERY} bytes, has the kernel write what is there to
 * disk on a thread of its own while pg_dump goes on: the fsync after pg_dump's end, in series before
 * the manifest's commit, then has only the last few MB to write (at pgbench scale 50 it was 10 ms for
 * 13 MB). A failed background sync is reported by {@link #force()}, never lost: on Linux an fsync
 * error is reported once per open file, and the background sync may be the one to see it. An
 * encrypted dump is written through its own channel and synced at its end only.
 */
final class SyncBehind implements WritableByteChannel {
    static final long EVERY = 4 << 20;

    private final FileChannel file;
    private final AtomicBoolean syncing = new AtomicBoolean();
    private final AtomicReference<IOException> failed = new AtomicReference<>();
    private long sinceSync;

    SyncBehind(FileChannel file) {
        this.file = file;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = file.write(src);
        sinceSync += n;
        if (sinceSync >= EVERY && syncing.compareAndSet(false, true)) {
            sinceSync = 0;
            Thread t = new Thread(this::syncNow, "lifeboat-sync-behind");
            t.setDaemon(true);
            t.start();
        }
        return n;
    }

    private void syncNow() {
        try {
            file.force(false);
        } catch (IOException e) {
            failed.compareAndSet(null, e);
        } finally {
            syncing.set(false);
        }
    }

    /** The whole file and its size on disk, or the first error any sync of it met. */
    void force() throws IOException {
        file.force(true);
        IOException e = failed.get();
        if (e != null) {
            throw e;
        }
    }

    @Override
    public boolean isOpen() {
        return file.isOpen();
    }

    /** The file is closed by its owner. */
    @Override
    public void close() {
        // nothing of its own to close
    }
}
