package dev.lifeboat.core.destination;

import dev.lifeboat.testsupport.PgExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;

@ExtendWith(PgExtension.class)
class FileDestinationTest extends DirectoryCopyContract {
    @TempDir
    Path remote;

    @Override
    DestinationConfig config() {
        return new DestinationConfig(NAME, remote.toUri().toString(), null, null, null, null, true, null);
    }

    @Override
    void damage(String key) throws Exception {
        flip(remote.resolve(key));
    }

    static void flip(Path file) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0xff);
        }
    }
}
