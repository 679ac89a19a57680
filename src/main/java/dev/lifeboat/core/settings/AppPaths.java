package dev.lifeboat.core.settings;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Where Lifeboat keeps its settings and, by default, its backups: the OS's conventional per-user
 * folders (XDG on Linux, AppData on Windows, Application Support on macOS). LIFEBOAT_HOME puts
 * both under one folder (portable installs, tests).
 */
public final class AppPaths {
    private AppPaths() {
    }

    private static String os() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    }

    private static Path home() {
        return Path.of(System.getProperty("user.home"));
    }

    private static Path override() {
        String env = System.getenv("LIFEBOAT_HOME");
        String prop = System.getProperty("lifeboat.home");
        String v = prop != null ? prop : env;
        return v == null || v.isBlank() ? null : Path.of(v);
    }

    public static Path configFolder() {
        Path o = override();
        if (o != null) {
            return o.resolve("config");
        }
        if (os().contains("win")) {
            String appData = System.getenv("APPDATA");
            return appData != null ? Path.of(appData, "Lifeboat") : home().resolve("AppData/Roaming/Lifeboat");
        }
        if (os().contains("mac")) {
            return home().resolve("Library/Application Support/Lifeboat");
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home().resolve(".config")).resolve("lifeboat");
    }

    public static Path dataFolder() {
        Path o = override();
        if (o != null) {
            return o.resolve("data");
        }
        if (os().contains("win")) {
            String local = System.getenv("LOCALAPPDATA");
            return local != null ? Path.of(local, "Lifeboat") : home().resolve("AppData/Local/Lifeboat");
        }
        if (os().contains("mac")) {
            return home().resolve("Library/Application Support/Lifeboat");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home().resolve(".local/share")).resolve("lifeboat");
    }

    /** The backup folder used when none is chosen: LIFEBOAT_FOLDER, else backups/ in the data folder. */
    public static Path defaultBackupFolder() {
        String env = System.getenv("LIFEBOAT_FOLDER");
        return env != null && !env.isBlank() ? Path.of(env) : dataFolder().resolve("backups");
    }

    public static Path logFolder() {
        return dataFolder().resolve("logs");
    }
}
