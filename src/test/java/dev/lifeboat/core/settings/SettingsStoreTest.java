package dev.lifeboat.core.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class SettingsStoreTest {
    @TempDir
    Path dir;

    @Test
    void settingsReadAgainAreTheSameUntilTheFileChanges() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        store.update(s -> s.withPgBinFolder("/opt/pg/bin"));
        Settings first = store.load();
        assertSame(first, new SettingsStore(dir).load(), "an unchanged file is not parsed again");

        // Another process replaces the file (as every atomic write does) with a text of the same length.
        Path other = dir.resolve("settings.tmp");
        Files.writeString(other, Files.readString(store.file()).replace("/opt/pg/bin", "/usr/pg/bin"));
        Files.move(other, store.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        assertEquals("/usr/pg/bin", store.load().pgBinFolder());

        store.update(s -> s.withDefaultVerifyDepth("full"));
        assertEquals("full", store.load().defaultVerifyDepth());
        assertEquals("/usr/pg/bin", store.load().pgBinFolder());
    }

    @Test
    void aMissingFileGivesTheDefaultsAfterItWasRead() throws Exception {
        SettingsStore store = new SettingsStore(dir);
        store.update(s -> s.withPgBinFolder("/opt/pg/bin"));
        assertEquals("/opt/pg/bin", store.load().pgBinFolder());
        Files.delete(store.file());
        assertEquals(Settings.defaults(), store.load());
    }
}
