package dev.lifeboat.ui.common;

import javafx.scene.Node;
import javafx.scene.shape.SVGPath;

/**
 * Small line icons drawn as SVG paths on a 16-pixel grid: they look the same on every platform and
 * in both themes (the stroke follows the text colour in lifeboat.css), unlike emoji and symbol
 * glyphs, which some default fonts lack.
 */
public enum Icons {
    NEW_BACKUP("M8 2 V14 M2 8 H14"),
    VERIFY("M2.5 8.5 L6.5 12.5 L13.5 3.5"),
    RESTORE("M4.5 5 A5.5 5.5 0 1 1 2.8 9.5 M4.5 1.5 V5 H8"),
    DELETE("M2.5 4 H13.5 M6 4 V2 H10 V4 M4 4 L5 14 H11 L12 4"),
    REFRESH("M12.8 9.5 A5.2 5.2 0 1 1 11.5 4.5 M11.8 1 V4.8 H8"),
    SETTINGS("M2 4 H14 M2 8 H14 M2 12 H14 M5 2.5 V5.5 M10.5 6.5 V9.5 M7 10.5 V13.5"),
    RETENTION("M8 1.5 A6.5 6.5 0 1 0 8.01 1.5 M8 4.5 V8.5 L10.8 10.3"),
    PIN("M5.5 1.5 H10.5 M6.5 1.5 L6 6.5 L3.5 9.5 H12.5 L10 6.5 L9.5 1.5 M8 9.5 V15"),
    DATABASE("M2.5 4 A5.5 2 0 1 0 13.5 4 A5.5 2 0 1 0 2.5 4 V12 A5.5 2 0 0 0 13.5 12 V4 M2.5 8 A5.5 2 0 0 0 13.5 8"),
    FOLDER("M1.5 3.5 H6 L7.5 5 H14.5 V13.5 H1.5 Z"),
    FILTER("M2 2.5 H14 L9.5 8 V13 L6.5 14.5 V8 Z");

    public static final String STYLE = "icon";

    private final String path;

    Icons(String path) {
        this.path = path;
    }

    /** A fresh node (a node lives in one place of the scene graph). */
    public Node node() {
        SVGPath p = new SVGPath();
        p.setContent(path);
        p.getStyleClass().add(STYLE);
        return p;
    }
}
