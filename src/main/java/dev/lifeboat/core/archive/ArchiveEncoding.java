package dev.lifeboat.core.archive;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The character set an archive's names and definitions are written in: the client encoding pg_dump
 * ran with (its ENCODING entry, {@code SET client_encoding = 'LATIN1';}). Lifeboat's own backups are
 * UTF-8; an archive a DBA's pg_dump made of a LATIN1 database is in LATIN1, and its table names read as
 * UTF-8 would not be the database's.
 */
final class ArchiveEncoding {
    private static final Pattern NAME = Pattern.compile("client_encoding\\s*=\\s*'([^']+)'");
    /** PostgreSQL's names where Java's differ (others are tried as written, '_' as '-'). */
    private static final Map<String, String> JAVA = Map.ofEntries(
            Map.entry("UTF8", "UTF-8"), Map.entry("SQL_ASCII", "UTF-8"), Map.entry("LATIN1", "ISO-8859-1"),
            Map.entry("LATIN2", "ISO-8859-2"), Map.entry("LATIN3", "ISO-8859-3"), Map.entry("LATIN4", "ISO-8859-4"),
            Map.entry("LATIN5", "ISO-8859-9"), Map.entry("LATIN6", "ISO-8859-10"), Map.entry("LATIN7", "ISO-8859-13"),
            Map.entry("LATIN8", "ISO-8859-14"), Map.entry("LATIN9", "ISO-8859-15"), Map.entry("LATIN10", "ISO-8859-16"),
            Map.entry("WIN866", "IBM866"), Map.entry("WIN874", "x-windows-874"), Map.entry("KOI8R", "KOI8-R"),
            Map.entry("KOI8U", "KOI8-U"), Map.entry("EUC_CN", "GB2312"), Map.entry("EUC_TW", "x-EUC-TW"),
            Map.entry("EUC_JIS_2004", "EUC-JP"), Map.entry("SJIS", "Shift_JIS"), Map.entry("SHIFT_JIS_2004", "Shift_JIS"),
            Map.entry("BIG5", "Big5"), Map.entry("UHC", "x-windows-949"), Map.entry("JOHAB", "x-Johab"));

    private ArchiveEncoding() {
    }

    /** The charset an ENCODING entry's definition names; UTF-8 when it names none Java knows. */
    static Charset of(String definition) {
        Matcher m = definition == null ? null : NAME.matcher(definition);
        if (m == null || !m.find()) {
            return StandardCharsets.UTF_8;
        }
        String pg = m.group(1).toUpperCase(Locale.ROOT);
        String name = JAVA.getOrDefault(pg, pg.startsWith("WIN") ? "windows-" + pg.substring(3) : pg.replace('_', '-'));
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.UTF_8;
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }
}
