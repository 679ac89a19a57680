package dev.lifeboat.core.backup;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** pg_dump's output goes on while the file is claimed, and a failed claim is reported at once. */
class ClaimWhileReadingTest {
    private static final DumpWriter.Output OUTPUT = new DumpWriter.Output(Path.of("x.dump.partial"), List.of());

    @Test
    void whatArrivesDuringASlowClaimIsKeptAndComesFirstInOrder() throws Exception {
        byte[] archive = new byte[600_000];
        new Random(7).nextBytes(archive);
        PipedInputStream pipe = new PipedInputStream(1 << 16); // a pipe's 64 KB
        PipedOutputStream writer = new PipedOutputStream(pipe);
        Thread dump = new Thread(() -> {
            try (writer) {
                for (int off = 0; off < archive.length; off += 4096) {
                    writer.write(archive, off, Math.min(4096, archive.length - off));
                }
            } catch (IOException ignored) {
                // the test fails on the bytes
            }
        });
        dump.start();

        ClaimWhileReading claimed = ClaimWhileReading.claim(() -> {
            try {
                Thread.sleep(300); // the journal's and the file's fsyncs on a slow disk
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            return OUTPUT;
        }, pipe);

        assertEquals(OUTPUT, claimed.output());
        InputStream in = claimed.archive(pipe);
        byte[] read = in.readAllBytes();
        dump.join();
        assertArrayEquals(archive, read);
    }

    @Test
    void aFailedClaimIsReportedWithoutWaitingForTheDumpsOutput() throws IOException {
        PipedInputStream pipe = new PipedInputStream(new PipedOutputStream()); // pg_dump still reading the catalog
        long t0 = System.nanoTime();

        IOException e = assertThrows(IOException.class, () -> ClaimWhileReading.claim(() -> {
            throw new IOException("the manifest is damaged");
        }, pipe));

        assertEquals("the manifest is damaged", e.getMessage());
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "reported before any output came");
    }
}
