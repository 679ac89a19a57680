package dev.lifeboat.core.archive;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.RawTools;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A restore in one transaction through psql, counted by COPY's tags: damaged archives, list order, INSERT archives. */
@ExtendWith(PgExtension.class)
class CountedRestoreTest {
    private static final RestoreStrategy ONE = new RestoreStrategy(RestoreStrategy.Kind.SINGLE_TRANSACTION, 1, 0, "test");

    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private static void tables(TestDatabase db) {
        db.execute("CREATE TABLE big (id int PRIMARY KEY, filler text)",
                "INSERT INTO big SELECT g, repeat(md5(g::text), 4) FROM generate_series(1, 100000) g",
                "CREATE TABLE small (id int)", "INSERT INTO small SELECT generate_series(1, 7)",
                "CREATE TABLE nothing (id int)");
    }

    private ConnectionSpec emptyDatabase(TestDatabase db, String suffix) {
        String name = db.name() + suffix;
        TestServer.execute(db.server().admin(), "CREATE DATABASE " + name);
        return db.spec().withDatabase(name);
    }

    private ArchiveRestorer.Outcome restore(Path archive, ConnectionSpec target, Path listFile) {
        return new ArchiveRestorer(tools).restore(archive, BackupFormat.CUSTOM, target,
                new ArchiveRestorer.Options(ONE, true, true, listFile, false), List.of(), ProgressListener.NONE,
                CancelToken.none());
    }

    @Test
    void theServersCopyTagsCountEveryTableIncludingAnEmptyOne(TestDatabase db) throws Exception {
        tables(db);
        Path archive = RawTools.dump(db, folder);

        ArchiveRestorer.Outcome r = restore(archive, emptyDatabase(db, "_all"), null);

        assertTrue(r.ok(), r.summary());
        assertEquals(List.of(new TableStat("public", "big", 100000L, null), new TableStat("public", "nothing", 0L, null),
                new TableStat("public", "small", 7L, null)), r.loadedRows());
        // the same session listed the restored tables after its COMMIT: the row check opens no connection
        assertEquals(List.of("public.big r", "public.nothing r", "public.small r"), r.tables().stream()
                .map(t -> t[0] + "." + t[1] + " " + t[2] + (t[4] == null ? "" : " of " + t[3] + "." + t[4])).sorted().toList());
    }

    @Test
    void aListFileOrdersTheTagsAsPgRestoreOrdersTheEntries(TestDatabase db) throws Exception {
        tables(db);
        Path archive = RawTools.dump(db, folder);
        List<String> lines = RawTools.pgRestoreList(archive).lines().toList();
        List<String> reordered = new ArrayList<>(lines.stream().filter(l -> !l.contains("TABLE DATA")).toList());
        List<String> data = new ArrayList<>(lines.stream().filter(l -> l.contains("TABLE DATA")).toList());
        java.util.Collections.reverse(data);
        reordered.addAll(data);
        Path list = Files.write(folder.resolve("reversed.list"), reordered, StandardCharsets.UTF_8);

        ArchiveRestorer.Outcome r = restore(archive, emptyDatabase(db, "_list"), list);

        assertTrue(r.ok(), r.summary());
        assertEquals(List.of(new TableStat("public", "small", 7L, null), new TableStat("public", "nothing", 0L, null),
                new TableStat("public", "big", 100000L, null)), r.loadedRows());
    }

    @Test
    void aTruncatedArchiveCommitsNothing(TestDatabase db) throws Exception {
        tables(db);
        Path archive = RawTools.dump(db, folder);
        try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "rw")) {
            f.setLength(f.length() * 2 / 3); // inside big's data: pg_restore has written part of its COPY
        }
        ConnectionSpec target = emptyDatabase(db, "_cut");

        ArchiveRestorer.Outcome r = restore(archive, target, null);

        assertFalse(r.ok());
        assertNull(r.loadedRows());
        assertNull(r.tables(), "no COMMIT: no list of tables either");
        assertTrue(r.summary().contains("pg_restore could not read the archive"), r.summary());
        assertEquals(0, TestServer.queryLong(target, "SELECT count(*) FROM pg_class WHERE relname IN ('big', 'small')"),
                "nothing of the transaction stayed");
    }

    @Test
    void anArchiveOfInsertsHasNoCopyTagsAndIsCountedAfterwards(TestDatabase db) throws Exception {
        tables(db);
        Path archive = folder.resolve("inserts.dump");
        ProcessBuilder pb = new ProcessBuilder("pg_dump", "-Fc", "--inserts", "-t", "small", "-t", "nothing",
                "-f", archive.toString(), "--dbname=" + db.spec().toConninfo()).redirectErrorStream(true);
        db.spec().password().ifPresent(pw -> pb.environment().put("PGPASSWORD", pw));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        ConnectionSpec target = emptyDatabase(db, "_ins");

        ArchiveRestorer.Outcome r = restore(archive, target, null);

        assertTrue(r.ok(), r.summary());
        assertNull(r.loadedRows(), "no COPY tags to count by: the caller counts");
        assertEquals(7, TestServer.queryLong(target, "SELECT count(*) FROM small"));
    }

    @Test
    void theScriptsTailReachesPsqlOnlyAfterPgRestoreExitedZero() throws IOException {
        byte[] script = new byte[3 * 65536 + 123];
        Arrays.fill(script, (byte) 'x');
        byte[] ok = readAll(script, true);
        assertArrayEquals(script, ok);

        HeldBackTail failing = new HeldBackTail();
        Thread producer = new Thread(() -> {
            try {
                failing.readFrom(new ByteArrayInputStream(script));
            } catch (IOException ignored) {
                // the test's reader fails instead
            }
            failing.finished(false);
        });
        producer.start();
        byte[] buf = new byte[65536];
        long passed = 0;
        IOException e = null;
        try {
            for (int n = failing.read(buf, 0, buf.length); n >= 0; n = failing.read(buf, 0, buf.length)) {
                passed += n;
            }
        } catch (IOException stopped) {
            e = stopped;
        }
        assertTrue(e != null, "a failed pg_restore's script ends in an error, not an end of input");
        assertEquals(script.length - HeldBackTail.HELD_BACK, passed, "its last bytes (the COMMIT) were held back");
    }

    private static byte[] readAll(byte[] script, boolean verdict) throws IOException {
        HeldBackTail tail = new HeldBackTail();
        Thread producer = new Thread(() -> {
            try {
                tail.readFrom(new ByteArrayInputStream(script));
            } catch (IOException ignored) {
                // not with a byte array
            }
            tail.finished(verdict);
        });
        producer.start();
        byte[] all = tail.readAllBytes();
        tail.close();
        return all;
    }

    @Test
    void aHeldBackTailWithoutAProducerFailsInsteadOfEndingTheScript() {
        HeldBackTail tail = new HeldBackTail();
        tail.close();
        assertThrows(IOException.class, () -> tail.read(new byte[10], 0, 10));
    }
}
