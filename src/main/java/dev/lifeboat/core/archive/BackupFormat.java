package dev.lifeboat.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The kinds of backup file Lifeboat can verify and restore. */
public enum BackupFormat {
    /** pg_dump -Fc: restored with pg_restore. */
    CUSTOM("custom"),
    /** A plain SQL script: restored with psql. */
    SQL("sql"),
    /** A gzip-compressed plain SQL script. */
    SQL_GZ("sql.gz");

    /**
     * The label of a directory-format backup (pg_dump -Fd). pg_restore reads such a folder with the
     * same arguments as a custom-format file, so it is restored and listed as {@link #CUSTOM}; only
     * where bytes are read (hashes, the header) does the difference matter, and there
     * {@link ArchiveFiles} decides.
     */
    public static final String DIRECTORY_LABEL = "directory";

    private final String label;

    BackupFormat(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static BackupFormat fromLabel(String label) {
        if (label == null || DIRECTORY_LABEL.equals(label)) {
            return CUSTOM;
        }
        return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst().orElse(CUSTOM);
    }

    /** Decides by the file's first bytes ("PGDMP", gzip magic), else by its name. */
    public static BackupFormat detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(5);
        }
        if (head.length == 5 && new String(head, StandardCharsets.US_ASCII).equals("PGDMP")) {
            return CUSTOM;
        }
        if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            return SQL_GZ;
        }
        return SQL;
    }
}
