package dev.lifeboat.core.backup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A dump written through SyncBehind is the bytes written, in order, with syncs running beside the writes. */
class SyncBehindTest {
    @TempDir
    Path folder;

    @Test
    void aDumpOfSeveralSyncStepsIsWrittenWholeAndInOrder() throws Exception {
        byte[] data = new byte[(int) (SyncBehind.EVERY * 2 + 12_345)];
        new Random(7).nextBytes(data);
        Path file = folder.resolve("x.dump.partial");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            SyncBehind synced = new SyncBehind(out);
            for (int at = 0; at < data.length; at += 65_536) {
                ByteBuffer b = ByteBuffer.wrap(data, at, Math.min(65_536, data.length - at));
                while (b.hasRemaining()) {
                    synced.write(b);
                }
            }
            assertTrue(synced.isOpen());
            synced.force();
        }
        byte[] back = Files.readAllBytes(file);
        assertArrayEquals(data, back, "first difference at " + Arrays.mismatch(data, back));
    }
}
