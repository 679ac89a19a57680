package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.util.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The restore's preflight reads a file again only when it is another version of it. */
class CheckedHashesTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsReadAgainWhenItsSizeOrTimeChangedAndNotOtherwise() throws Exception {
        Path f = dir.resolve("b.dump");
        Files.writeString(f, "first content", StandardCharsets.UTF_8);
        FileTime written = Files.getLastModifiedTime(f);
        CheckedHashes hashes = new CheckedHashes();
        String first = hashes.sha256(f, CancelToken.none());
        assertEquals(Hashing.sha256(f, ProgressListener.NONE, CancelToken.none()), first);

        // same size, same time: the same version as far as the file system tells, so not read again
        Files.writeString(f, "other content", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(f, written);
        assertEquals(first, hashes.sha256(f, CancelToken.none()));

        // rewritten (a new time): read again, and the damage shows
        Files.setLastModifiedTime(f, FileTime.fromMillis(written.toMillis() + 2000));
        String again = hashes.sha256(f, CancelToken.none());
        assertNotEquals(first, again);
        assertEquals(Hashing.sha256(f, ProgressListener.NONE, CancelToken.none()), again);

        // another size: read again
        Files.writeString(f, "a longer content than before", StandardCharsets.UTF_8);
        Files.setLastModifiedTime(f, FileTime.fromMillis(written.toMillis() + 2000));
        assertEquals(Hashing.sha256(f, ProgressListener.NONE, CancelToken.none()), hashes.sha256(f, CancelToken.none()));
    }
}
