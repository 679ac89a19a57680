package dev.lifeboat.core.archive;

import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.RawTools;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The in-process archive reader agrees with pg_restore about a real pg_dump archive. */
@ExtendWith(PgExtension.class)
class ArchiveHeaderTest {
    @TempDir
    Path dir;

    @Test
    void headerMatchesWhatPgRestoreReports(TestDatabase db) throws Exception {
        SampleData.create(db);
        Path archive = RawTools.dump(db, dir);

        Map<String, String> pgRestore = RawTools.pgRestoreHeader(archive);
        ArchiveHeader header = ArchiveHeader.read(archive).orElseThrow();

        assertEquals(Integer.parseInt(pgRestore.get("TOC Entries")), header.tocEntries());
        assertEquals(pgRestore.get("dbname"), header.database());
        assertEquals(pgRestore.get("Dumped from database version"), header.serverVersion());
        assertEquals(pgRestore.get("Dumped by pg_dump version"), header.pgDumpVersion());
        assertEquals(pgRestore.get("Dump Version"), header.version());
    }

    @Test
    void entriesMatchPgRestoresListingLineForLine(TestDatabase db) throws Exception {
        SampleData.create(db);
        db.execute("CREATE TABLE public.t (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at date)",
                "CREATE INDEX idx_when ON public.t (at)",
                "COMMENT ON TABLE public.t IS 'a table with\na two-line comment'",
                "GRANT SELECT ON public.t TO PUBLIC",
                "CREATE VIEW public.recent AS SELECT * FROM public.t WHERE at > date '2020-01-01'",
                "CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'",
                "CREATE TRIGGER t_touch BEFORE INSERT ON public.t FOR EACH ROW EXECUTE FUNCTION public.touch()");
        Path archive = RawTools.dump(db, dir);

        ArchiveHeader.Contents contents = ArchiveHeader.readWithEntries(archive).orElseThrow();
        Map<Integer, ArchiveEntry> byId = new LinkedHashMap<>();
        contents.entries().forEach(e -> byId.put(e.dumpId(), e));
        assertEquals(contents.header().tocEntries(), byId.size());

        List<String> listed = RawTools.pgRestoreList(archive).lines().filter(l -> !l.startsWith(";") && !l.isBlank()).toList();
        assertTrue(listed.size() > 20, listed.toString());
        for (String line : listed) {
            ArchiveEntry e = byId.get(Integer.parseInt(line.substring(0, line.indexOf(';'))));
            assertEquals(line, e.dumpId() + "; " + e.tableOid() + " " + e.oid() + " " + e.desc() + " "
                    + (e.namespace() == null ? "-" : e.namespace()) + " " + e.tag().replace('\n', ' ') + " "
                    + (e.owner() == null ? "" : e.owner()), "entry " + e);
        }
        ArchiveEntry index = contents.entries().stream().filter(e -> e.tag().equals("idx_when")).findFirst().orElseThrow();
        ArchiveEntry table = contents.entries().stream()
                .filter(e -> e.desc().equals("TABLE") && e.tag().equals("t")).findFirst().orElseThrow();
        assertEquals(List.of(table.dumpId()), index.dependencies(), "an index depends on its table");
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

    @Test
    void aDamagedTocIsRefusedWithoutReadingTheWholeFile(TestDatabase db) throws Exception {
        SampleData.create(db);
        Path archive = RawTools.dump(db, dir);
        ArchiveHeader header = ArchiveHeader.read(archive).orElseThrow();
        byte[] bytes = Files.readAllBytes(archive);
        // The first entry: dump id and "had dumper" (a sign byte and four bytes each), then the
        // length of its first string, made absurd (2 GB).
        int at = headerLength(bytes) + 10;
        bytes[at] = 0;
        bytes[at + 1] = (byte) 0xff;
        bytes[at + 2] = (byte) 0xff;
        bytes[at + 3] = (byte) 0xff;
        bytes[at + 4] = (byte) 0x7f;
        Path damaged = Files.write(dir.resolve("damaged.dump"), bytes);
        assertTrue(ArchiveHeader.readWithEntries(damaged).isEmpty());
        Path cut = Files.write(dir.resolve("cut.dump"), java.util.Arrays.copyOf(Files.readAllBytes(archive), 200));
        assertTrue(ArchiveHeader.readWithEntries(cut).isEmpty());
    }

    /** Where the TOC entries start: after the header and the entry count. */
    private static int headerLength(byte[] bytes) {
        for (int n = 16; n < bytes.length; n++) {
            if (ArchiveHeader.parse(bytes, n).isPresent()) {
                return n;
            }
        }
        throw new AssertionError("no header");
    }
}
