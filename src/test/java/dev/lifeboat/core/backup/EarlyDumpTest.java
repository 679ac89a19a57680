package dev.lifeboat.core.backup;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.EarlyConnection;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * pg_dump started on the early connection (while the command line is read, as the CLI does): the
 * backup takes it with the connection, its archive and its counts share one snapshot, and a dump no
 * backup took is killed with the connection.
 */
@ExtendWith(PgExtension.class)
class EarlyDumpTest {
    @TempDir
    Path folder;

    @AfterEach
    void nothingLeftPending() {
        EarlyDump.discardUnused();
        EarlyConnection.closeUnused();
    }

    @Test
    void theBackupTakesTheDumpStartedEarlyAndCountsInItsSnapshot(TestDatabase db) throws Exception {
        SampleData.create(db);
        long before = db.count("public.customers");
        EarlyConnection.start(db::spec, (spec, c) -> EarlyDump.start(c, spec, PgToolLocator.standard(null)));
        waitFor(EarlyDump::pending, "pg_dump started on the early connection");
        // Written after the snapshot was exported: neither the archive nor the counts may hold it.
        db.execute("INSERT INTO public.customers (name) VALUES ('late')");
        BackupEntry entry = Credentials.none().withConnection(db.spec(), (ready, opened) ->
                new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                        .create(BackupRequest.of(ready, "early"), opened, ProgressListener.NONE, CancelToken.none()));
        assertFalse(EarlyDump.pending(), "the backup took the dump");
        Path file = folder.resolve(entry.file());
        assertEquals(BackupServiceTest.sha256sum(file), entry.hash());
        assertTrue(entry.databaseSizeBytes() != null && entry.databaseSizeBytes() > 0,
                "the database's size, read beside the dump: " + entry.databaseSizeBytes());
        long recorded = entry.tables().stream().filter(t -> t.name().equals("customers")).findFirst().orElseThrow().rows();
        assertEquals(before, recorded);
        assertEquals(before, archivedRows(file, "customers"), "the archive's rows are the counted ones");
    }

    @Test
    void aDumpNoBackupTookIsKilledWhenTheConnectionIsClosedUnused(TestDatabase db) throws Exception {
        SampleData.create(db);
        // more than a pipe holds, even compressed: pg_dump waits for a reader instead of finishing alone
        db.execute("CREATE TABLE public.bulk AS SELECT g, md5(g::text) AS h FROM generate_series(1, 30000) g");
        EarlyConnection.start(db::spec, (spec, c) -> EarlyDump.start(c, spec, PgToolLocator.standard(null)));
        waitFor(EarlyDump::pending, "pg_dump started on the early connection");
        waitFor(() -> sessions(db) == 2, "the snapshot's session and pg_dump's");
        EarlyConnection.closeUnused(); // as Main does after a command that never took it
        assertFalse(EarlyDump.pending());
        waitFor(() -> sessions(db) == 0, "pg_dump killed and the connection closed");
    }

    private static long sessions(TestDatabase db) {
        return db.queryLong("SELECT count(*) FROM pg_stat_activity WHERE datname = '" + db.name()
                + "' AND pid <> pg_backend_pid()");
    }

    /** The rows of one table's COPY data in the archive. */
    private static long archivedRows(Path archive, String table) throws Exception {
        Process p = new ProcessBuilder("pg_restore", "--data-only", "--table=" + table, "-f", "-", archive.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        String data = out.substring(out.indexOf("FROM stdin;\n") + "FROM stdin;\n".length(), out.indexOf("\n\\.\n"));
        return data.lines().count();
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
