package dev.lifeboat.core.verify;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;

import java.util.Locale;

/** How deep a verification goes; each depth includes the ones before it. */
public enum VerifyDepth {
    /** The file is there, has the recorded size and the recorded SHA-256. */
    QUICK,
    /** pg_restore reads the table of contents and every data block. */
    ARCHIVE,
    /** A test restore into a scratch database, every table's rows counted. */
    FULL;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static VerifyDepth parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LifeboatException(ErrorCode.USAGE, "Unknown verify depth '" + text + "': use quick, archive or full.");
        }
    }
}
