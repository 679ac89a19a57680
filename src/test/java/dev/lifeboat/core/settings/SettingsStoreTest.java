package dev.lifeboat.core.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
    void aServerWrittenWithoutTheUriSchemeIsAnsweredWithTheUriItMeansAndNoPassword() {
        SettingsStore store = new SettingsStore(dir);
        String plain = assertThrows(dev.lifeboat.core.LifeboatException.class,
                () -> store.resolve("postgres@localhost:55450/shop")).getMessage();
        assertTrue(plain.contains("(did you mean postgresql://postgres@localhost:55450/shop?)"), plain);
        String withPassword = assertThrows(dev.lifeboat.core.LifeboatException.class,
                () -> store.resolve("postgres:S3cret@localhost/shop")).getMessage();
        assertFalse(withPassword.contains("S3cret"), withPassword);
        assertTrue(withPassword.contains("postgresql://postgres:\u2026@localhost/shop"), withPassword);
        String name = assertThrows(dev.lifeboat.core.LifeboatException.class, () -> store.resolve("ledger")).getMessage();
        assertFalse(name.contains("did you mean"), name);
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
