package dev.lifeboat.core.crypto;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The age identity file chosen in the app's settings: its path only (encryption.json in the config
 * folder), never the key it holds. Used when no identity is given and LIFEBOAT_AGE_IDENTITY is unset.
 */
public record IdentitySetting(String identityFile) {
    public static final String FILE_NAME = "encryption.json";

    public static IdentitySetting load(Path configFolder) {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(configFolder.resolve(FILE_NAME)), IdentitySetting.class);
        } catch (NoSuchFileException e) {
            return new IdentitySetting(null);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, configFolder.resolve(FILE_NAME) + " cannot be read ("
                    + e.getMessage() + "). Choose the identity file again.", e);
        }
    }

    public void save(Path configFolder) {
        try {
            SafeFiles.ensureFolder(configFolder);
            SafeFiles.writeAtomically(configFolder.resolve(FILE_NAME), Json.MAPPER.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot save the identity setting: " + e.getMessage(), e);
        }
    }

    /** The identity to use: LIFEBOAT_AGE_IDENTITY, else the saved path, else null. */
    public static Path resolve(Path configFolder) {
        Path env = AgeFiles.identityOrEnv(null);
        if (env != null) {
            return env;
        }
        String saved = load(configFolder).identityFile();
        return saved == null || saved.isBlank() ? null : Path.of(saved);
    }
}
