package dev.lifeboat.core.notify;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The SMTP password the person chose to save: an owner-only file of its own in the config folder,
 * kept like ~/.pgpass keeps database passwords, never inside notifications.json. The environment
 * (LIFEBOAT_SMTP_PASSWORD) wins over it, so a scheduler can still pass one.
 */
public final class SmtpPassword {
    public static final String FILE_NAME = "smtp-password";

    private SmtpPassword() {
    }

    public static void save(Path configFolder, String password) {
        try {
            SafeFiles.ensureFolder(configFolder);
            SafeFiles.writeAtomically(configFolder.resolve(FILE_NAME), password.getBytes(StandardCharsets.UTF_8));
            SafeFiles.ownerOnly(configFolder.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot save the SMTP password: " + e.getMessage(), e);
        }
    }

    public static void clear(Path configFolder) {
        try {
            Files.deleteIfExists(configFolder.resolve(FILE_NAME));
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot remove the saved SMTP password: " + e.getMessage(), e);
        }
    }

    public static boolean saved(Path configFolder) {
        return Files.isRegularFile(configFolder.resolve(FILE_NAME));
    }

    /** The environment, with the saved password standing in for LIFEBOAT_SMTP_PASSWORD when that is unset. */
    static Function<String, String> environment(Path configFolder, Function<String, String> env) {
        return name -> {
            String v = env.apply(name);
            if (v != null || !EmailSettings.PASSWORD_ENV.equals(name)) {
                return v;
            }
            try {
                return Files.readString(configFolder.resolve(FILE_NAME), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException e) {
                throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the saved SMTP password: " + e.getMessage(), e);
            }
        };
    }
}
