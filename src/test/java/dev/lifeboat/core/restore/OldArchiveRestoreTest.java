package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ToleratedErrors;
import dev.lifeboat.core.importer.ImportService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.VerifyReport;
import dev.lifeboat.core.verify.VerifyService;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.RawTools;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Archives as older pg_dump versions wrote them. Debian 12 offers no pg_dump older than 15, so the
 * case of a 9.4 archive (which creates the public schema) is made with pg_dump 15 -n public, which
 * also writes CREATE SCHEMA public, and the archive's creation date is set to 2015 in its header.
 */
@ExtendWith(PgExtension.class)
class OldArchiveRestoreTest {
    @TempDir
    Path folder;

    @TempDir
    Path elsewhere;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    /** pg_dump -Fc -n public, dated 2015 in its header, under an imported-looking name. */
    private Path oldStyleArchive(TestDatabase db) throws Exception {
        Path archive = elsewhere.resolve("shop_2015.dump");
        ProcessBuilder pb = new ProcessBuilder("pg_dump", "-Fc", "-n", "public", "-f", archive.toString(),
                "--dbname=" + db.spec().toConninfo()).redirectErrorStream(true);
        db.spec().password().ifPresent(pw -> pb.environment().put("PGPASSWORD", pw));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        byte[] data = Files.readAllBytes(archive);
        int intSize = data[8];
        int at = 11 + ((data[6] >= 15) ? 1 : 1 + intSize); // past the compression field
        at += 5 * (1 + intSize); // sec, min, hour, mday, mon
        data[at] = 0;
        data[at + 1] = 115; // years since 1900
        for (int i = 2; i <= intSize; i++) {
            data[at + i] = 0;
        }
        Files.write(archive, data);
        assertTrue(RawTools.pgRestoreList(archive).contains("SCHEMA - public"), "the archive creates the public schema");
        return archive;
    }

    @Test
    void anArchiveThatCreatesThePublicSchemaRestoresAndVerifiesWithANamedWarning(TestDatabase db) throws Exception {
        SampleData.create(db);
        Path archive = oldStyleArchive(db);
        ManifestStore store = new ManifestStore(folder);
        BackupEntry e = new ImportService(store, tools).importFiles(List.of(archive), ProgressListener.NONE,
                CancelToken.none()).added().get(0);
        assertTrue(e.datetime().startsWith("2015-"), "dated by the archive's header: " + e.datetime());

        String fresh = db.name() + "__old";
        RestoreResult r = new RestoreService(store, tools, s -> false).restore(new RestoreRequest(e.id(), db.spec(),
                RestoreMode.NEW, fresh, List.of(), List.of(), false, 0, false, null, false), ProgressListener.NONE,
                CancelToken.none());
        assertEquals(120, TestServer.queryLong(db.spec().withDatabase(fresh), "SELECT count(*) FROM public.customers"));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("existing public schema")), r.warnings().toString());

        VerifyReport full = new VerifyService(store, tools).verify(e.id(), VerifyDepth.FULL, db.server().admin(),
                ProgressListener.NONE, CancelToken.none());
        assertEquals(CheckStatus.PASS, full.checks().stream().filter(c -> c.name().equals("Test restore")).findFirst()
                .orElseThrow().status(), full.checks().toString());

        db.execute("DELETE FROM public.customers WHERE id > 100 AND id NOT IN (SELECT customer_id FROM \"Sales Data\".\"Order Items\")");
        long before = db.count("public.customers");
        RestoreService service = new RestoreService(store, tools, s -> false);
        RestoreRequest inPlace = RestoreRequest.of(e.id(), db.spec(), RestoreMode.IN_PLACE).withTerminateSessions(true);
        LifeboatException lost = assertThrows(LifeboatException.class, () -> service.restore(inPlace,
                ProgressListener.NONE, CancelToken.none()));
        assertTrue(lost.getMessage().contains("\"Order Items_customer_id_fkey\" of \"Sales Data\".\"Order Items\""),
                "the archive holds only public; the key onto it from another schema would be lost: " + lost.getMessage());
        assertEquals(before, db.count("public.customers"), "rolled back");

        db.execute("ALTER TABLE \"Sales Data\".\"Order Items\" DROP CONSTRAINT \"Order Items_customer_id_fkey\"");
        service.restore(inPlace, ProgressListener.NONE, CancelToken.none());
        assertEquals(120, db.count("public.customers"), "in place, in one transaction, the harmless error tolerated");
        assertEquals(250, db.count("\"Sales Data\".\"Order Items\""), "a schema the archive does not hold is left alone");
    }

    @Test
    void anErrorNotOnTheListIsNotTolerated() {
        assertTrue(ToleratedErrors.match("relation \"public.customers\" does not exist").isEmpty());
        assertTrue(ToleratedErrors.match("schema \"public\" already exists").isPresent());
        assertTrue(ToleratedErrors.match("must be owner of extension plpgsql").isPresent());
    }
}
