package dev.lifeboat.core.manifest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * How backup files are named and recognised. A file's id is its whole name less the backup
 * extension (never "up to the first dot": {@code app.v2} and {@code app} are different databases),
 * and a database name becomes a file name without two names ever sharing one.
 */
public final class BackupFileNames {
    /** Longest first, so that a roles file is not taken for a plain SQL backup. */
    private static final List<String> EXTENSIONS = List.of(".globals.sql", ".sql.gz", ".backup", ".dump", ".sql", ".dir");
    public static final String ROLES_SUFFIX = ".globals.sql";
    public static final String PARTIAL_SUFFIX = ".partial";
    /** A directory-format backup (pg_dump -Fd, backup with parallel jobs): a folder named {@code <id>.dir}. */
    public static final String DIRECTORY_SUFFIX = ".dir";

    private BackupFileNames() {
    }

    /** The file name less its backup extension: {@code app.v2_20260101_000000.dump} gives {@code app.v2_20260101_000000}. */
    public static String stem(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (String ext : EXTENSIONS) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return fileName.substring(0, fileName.length() - ext.length());
            }
        }
        return fileName;
    }

    /** The extension {@link #stem} strips (with its dot), or "". */
    public static String extension(String fileName) {
        return fileName.substring(stem(fileName).length());
    }

    /**
     * A database name made safe for every file system (letters, digits, dash, underscore). When
     * anything had to be replaced, a short hash of the whole name is added, so that {@code app.v2},
     * {@code app_v2}, {@code größe} and {@code grüße} never share a file name or an id.
     */
    public static String safeName(String database) {
        if (database == null || database.isEmpty()) {
            return "db";
        }
        String s = database.replaceAll("[^A-Za-z0-9_-]", "_");
        if (s.equals(database)) {
            return s;
        }
        return s + "-" + shortHash(database);
    }

    /** The roles and tablespaces file pg_dumpall writes beside a dump. */
    public static boolean isRolesFile(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(ROLES_SUFFIX);
    }

    /** A file an operation was still writing, or a temporary copy: never a backup. */
    public static boolean isLeftover(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(PARTIAL_SUFFIX) || n.contains(".tmp") || n.startsWith(".");
    }

    /** A name import may adopt: a backup's extension, and neither a roles file nor a leftover. */
    public static boolean isBackupFile(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        boolean backupExtension = n.endsWith(".dump") || n.endsWith(".backup") || n.endsWith(".sql") || n.endsWith(".sql.gz");
        return backupExtension && !isRolesFile(fileName) && !isLeftover(fileName);
    }

    private static String shortHash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
