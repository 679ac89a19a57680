package dev.lifeboat.core.util;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of files, read once in large blocks, with progress and cancel. */
public final class Hashing {
    private static final int BLOCK = 1 << 20;

    private Hashing() {
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static String sha256(Path file, ProgressListener progress, CancelToken cancel) throws IOException {
        MessageDigest digest = sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            long done = 0;
            ByteBuffer buf = ByteBuffer.allocate(BLOCK);
            int n;
            int blocks = 0;
            while ((n = ch.read(buf)) >= 0) {
                if (n > 0) {
                    buf.flip();
                    digest.update(buf);
                    buf.clear();
                    done += n;
                }
                if (++blocks % 64 == 0) {
                    cancel.throwIfCancelled("Hashing");
                    progress.progress(done, size, "Computing SHA-256");
                }
            }
            progress.progress(done, size, "Computing SHA-256");
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
