package dev.lifeboat.core.archive;

import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process header reader agrees with pg_restore about a real pg_dump archive. */
@ExtendWith(PgExtension.class)
class ArchiveHeaderTest {
    @TempDir
    Path dir;

    @Test
    void headerMatchesWhatPgRestoreReports(TestDatabase db) throws Exception {
        SampleData.create(db);
        Path archive = dir.resolve("sample.dump");
        ProcessBuilder pb = new ProcessBuilder("pg_dump", "-Fc", "-f", archive.toString(), "--dbname=" + db.spec().toConninfo())
                .redirectErrorStream(true);
        db.spec().password().ifPresent(pw -> pb.environment().put("PGPASSWORD", pw));
        Process dump = pb.start();
        dump.getOutputStream().close();
        String dumpOut = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, dump.waitFor(), dumpOut);

        Map<String, String> pgRestore = pgRestoreHeader(archive);
        ArchiveHeader header = ArchiveHeader.read(archive).orElseThrow();

        assertEquals(Integer.parseInt(pgRestore.get("TOC Entries")), header.tocEntries());
        assertEquals(pgRestore.get("dbname"), header.database());
        assertEquals(pgRestore.get("Dumped from database version"), header.serverVersion());
        assertEquals(pgRestore.get("Dumped by pg_dump version"), header.pgDumpVersion());
        assertEquals(pgRestore.get("Dump Version"), header.version());
    }

    @Test
    void aCutShortOrForeignFileHasNoHeader() throws Exception {
        byte[] start = {'P', 'G', 'D', 'M', 'P', 1, 14, 0, 4, 8, 1, 1, 1, 0, 0, 0};
        assertTrue(ArchiveHeader.parse(start, start.length).isEmpty());
        Path sql = Files.writeString(dir.resolve("plain.sql"), "CREATE TABLE t (id int);\n");
        assertTrue(ArchiveHeader.read(sql).isEmpty());
        byte[] future = {'P', 'G', 'D', 'M', 'P', 1, 99, 0, 4, 8, 1};
        assertTrue(ArchiveHeader.parse(future, future.length).isEmpty());
    }

    private static Map<String, String> pgRestoreHeader(Path archive) throws Exception {
        Process p = new ProcessBuilder("pg_restore", "--list", archive.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Map<String, String> header = new LinkedHashMap<>();
        out.lines().filter(l -> l.startsWith(";     ") && l.contains(":")).forEach(l -> {
            String line = l.substring(1).strip();
            header.putIfAbsent(line.substring(0, line.indexOf(':')).strip(), line.substring(line.indexOf(':') + 1).strip());
        });
        return header;
    }
}
