package dev.lifeboat.core.archive;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The charset of an archive's ENCODING entry, as pg_dump writes it. */
class ArchiveEncodingTest {
    @Test
    void postgresqlsNamesAreJavasCharsets() {
        assertEquals(StandardCharsets.UTF_8, ArchiveEncoding.of("SET client_encoding = 'UTF8';\n"));
        assertEquals(StandardCharsets.ISO_8859_1, ArchiveEncoding.of("SET client_encoding = 'LATIN1';\n"));
        assertEquals(Charset.forName("ISO-8859-15"), ArchiveEncoding.of("SET client_encoding = 'LATIN9';\n"));
        assertEquals(Charset.forName("windows-1252"), ArchiveEncoding.of("SET client_encoding = 'WIN1252';\n"));
        assertEquals(Charset.forName("EUC-JP"), ArchiveEncoding.of("SET client_encoding = 'EUC_JP';\n"));
        assertEquals(Charset.forName("KOI8-R"), ArchiveEncoding.of("SET client_encoding = 'KOI8R';\n"));
    }

    @Test
    void anythingElseIsReadAsUtf8() {
        assertEquals(StandardCharsets.UTF_8, ArchiveEncoding.of("SET client_encoding = 'SQL_ASCII';\n"));
        assertEquals(StandardCharsets.UTF_8, ArchiveEncoding.of("SET client_encoding = 'MULE_INTERNAL';\n"));
        assertEquals(StandardCharsets.UTF_8, ArchiveEncoding.of("SET something_else = 1;"));
        assertEquals(StandardCharsets.UTF_8, ArchiveEncoding.of(null));
    }
}
