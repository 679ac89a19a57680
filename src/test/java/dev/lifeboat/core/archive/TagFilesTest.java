package dev.lifeboat.core.archive;

import dev.lifeboat.core.util.SafeFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TagFilesTest {
    @TempDir
    Path dir;

    @Test
    void theTagFilesOfGoneProcessesAreSweptAndARunningOnesKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path ofGone = Files.writeString(dir.resolve(TagFiles.PREFIX + gone.pid() + "-123"), "COPY 50\n");
        Path ofThis = Files.writeString(dir.resolve(TagFiles.PREFIX + ProcessHandle.current().pid() + "-456"), "COPY 1\n");
        Path other = Files.writeString(dir.resolve("lifeboat-tags.tmp-notes.txt"), "kept");

        TagFiles.sweep(dir);

        assertFalse(Files.exists(ofGone), "a killed restore's tag file is deleted by the next one");
        assertTrue(Files.exists(ofThis), "a running process's tag file is kept");
        assertTrue(Files.exists(other), "a file not named after a process is not Lifeboat's to delete");
    }

    @Test
    void aNewTagFileIsNamedAfterThisProcessAndOwnerOnly() throws Exception {
        Path f = TagFiles.create();
        try {
            assertTrue(f.getFileName().toString().startsWith(TagFiles.PREFIX + ProcessHandle.current().pid() + "-"));
            assertTrue(Files.getPosixFilePermissions(f).stream().noneMatch(p -> p.name().startsWith("GROUP")
                    || p.name().startsWith("OTHERS")));
        } finally {
            SafeFiles.deleteQuietly(f);
        }
    }
}
