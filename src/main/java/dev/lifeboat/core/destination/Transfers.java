package dev.lifeboat.core.destination;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.util.Hashing;
import dev.lifeboat.core.util.Sizes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Stream copies and hashing shared by the destinations, with progress and cancel between blocks. */
final class Transfers {
    static final int BLOCK = 1 << 20;

    private Transfers() {
    }

    /** Copies everything; returns the byte count. */
    static long copy(InputStream in, OutputStream out, long total, String what, ProgressListener progress,
                     CancelToken cancel) throws IOException {
        byte[] buf = new byte[BLOCK];
        long done = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            cancel.throwIfCancelled(what);
            out.write(buf, 0, n);
            done += n;
            progress.progress(done, total, what + ": " + Sizes.bytes(done) + (total > 0 ? " of " + Sizes.bytes(total) : ""));
        }
        return done;
    }

    static String sha256(InputStream in, long total, String what, ProgressListener progress, CancelToken cancel)
            throws IOException {
        MessageDigest digest = Hashing.sha256();
        byte[] buf = new byte[BLOCK];
        long done = 0;
        int n;
        while ((n = in.read(buf)) >= 0) {
            cancel.throwIfCancelled(what);
            digest.update(buf, 0, n);
            done += n;
            progress.progress(done, total, what);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static LifeboatException failure(String what, String where, Exception e) {
        if (e instanceof LifeboatException le) {
            return le;
        }
        if (String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            return new LifeboatException(ErrorCode.AUTHENTICATION_FAILED, what + " at " + where + " failed: no S3 "
                    + "credentials were found. Lifeboat stores none: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, "
                    + "or AWS_PROFILE, or ~/.aws/credentials, for the user (or scheduler) that runs Lifeboat.", e);
        }
        return new LifeboatException(ErrorCode.IO_ERROR, what + " at " + where + " failed: " + e.getMessage()
                + ". Check that the destination is reachable and writable ('destination test').", e);
    }
}
