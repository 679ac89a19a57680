package dev.lifeboat.ui.common;

import javafx.scene.Scene;

import java.util.Objects;

/** Style-class names used across screens; the looks live in lifeboat.css. */
public final class Styles {
    public static final String LOG_PANE = "log-pane";
    public static final String LOG_LIST = "log-list";
    public static final String LOG_WARN = "log-warn";
    public static final String LOG_ERROR = "log-error";
    public static final String SECTION_TITLE = "section-title";
    public static final String STATUS_OK = "status-ok";
    public static final String STATUS_FAIL = "status-fail";
    public static final String STATUS_WARN = "status-warn";
    public static final String STATUS_NONE = "status-none";
    public static final String BADGE = "badge";
    public static final String BADGE_OK = "badge-ok";
    public static final String BADGE_FAIL = "badge-fail";
    public static final String MUTED = "muted";
    /** AtlantaFX's own button classes, so the theme draws them in both light and dark. */
    public static final String DANGER_BUTTON = "danger";
    public static final String PRIMARY_BUTTON = "accent";
    public static final String PROBLEM = "problem";
    public static final String WELCOME = "welcome";
    public static final String WELCOME_TITLE = "welcome-title";
    public static final String CARD = "card";
    public static final String KEY = "key";
    public static final String TOOLBAR_INFO = "toolbar-info";
    public static final String ROW_MISMATCH = "row-mismatch";
    public static final String FORM = "form";
    /** Hashes and other values read character by character: monospace. */
    public static final String MONO = "mono";

    private Styles() {
    }

    public static void apply(Scene scene) {
        scene.getStylesheets().add(Objects.requireNonNull(Styles.class.getResource("/dev/lifeboat/ui/lifeboat.css"))
                .toExternalForm());
    }
}
