package dev.lifeboat.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The app's theme: AtlantaFX Primer, light or dark. LIFEBOAT_THEME (or -Dlifeboat.theme) says
 * light, dark or system; with system (the default) the desktop's own setting decides where it can
 * be read (GNOME's color-scheme, macOS's AppleInterfaceStyle, Windows' AppsUseLightTheme).
 */
public final class Theme {
    private Theme() {
    }

    /** Applies the theme to every window of the app; returns whether it is dark. */
    public static boolean apply() {
        boolean dark = dark();
        Application.setUserAgentStylesheet(dark ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        return dark;
    }

    /**
     * Asks the desktop for its preference now, if the choice is left to it: a process start, made on
     * another thread while the toolkit starts so that the window's thread finds the answer ready.
     */
    public static void prepare() {
        if (choice().equals("system")) {
            SystemScheme.dark();
        }
    }

    static boolean dark() {
        return switch (choice()) {
            case "dark" -> true;
            case "light" -> false;
            default -> SystemScheme.dark();
        };
    }

    private static String choice() {
        return System.getProperty("lifeboat.theme", System.getenv().getOrDefault("LIFEBOAT_THEME", "system"))
                .strip().toLowerCase(Locale.ROOT);
    }

    /** The desktop's answer, asked once (the JVM makes a second caller wait for the first's answer). */
    private static final class SystemScheme {
        private static final boolean DARK = systemPrefersDark();

        static boolean dark() {
            return DARK;
        }
    }

    private static boolean systemPrefersDark() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return ask(List.of("defaults", "read", "-g", "AppleInterfaceStyle")).contains("dark");
        }
        if (os.contains("win")) {
            return ask(List.of("reg", "query", "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                    "/v", "AppsUseLightTheme")).contains("0x0");
        }
        return ask(List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")).contains("dark");
    }

    /**
     * A desktop setting, read by its own small tool (not a PostgreSQL tool, so not ProcessRunner);
     * anything missing or slow means "no preference".
     */
    private static String ask(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (InputStream in = p.getInputStream()) {
                if (!p.waitFor(1, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return "";
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            }
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
