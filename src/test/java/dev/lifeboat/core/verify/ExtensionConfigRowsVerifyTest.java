package dev.lifeboat.core.verify;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ExtensionConfigRows;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An extension with a configuration table, as PostGIS's spatial_ref_sys or pg_cron's job table:
 * installed into the test server's extension folder, which only an embedded server lets the tests write.
 */
@ExtendWith(PgExtension.class)
class ExtensionConfigRowsVerifyTest {
    @TempDir
    Path folder;

    private static void installExtension(TestDatabase db) throws Exception {
        String share = TestServer.queryString(db.server().admin(), "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'");
        Path dir = Path.of(share, "extension");
        Assumptions.assumeTrue(Files.isWritable(dir), "the server's extension folder is not writable here");
        Files.writeString(dir.resolve("lb_cfg.control"), "default_version = '1.0'\nrelocatable = false\nschema = public\n");
        Files.writeString(dir.resolve("lb_cfg--1.0.sql"), """
                CREATE TABLE lb_cfg_settings (id int PRIMARY KEY, v text, user_row boolean NOT NULL DEFAULT true);
                INSERT INTO lb_cfg_settings VALUES (1, 'shipped with the extension', false);
                SELECT pg_catalog.pg_extension_config_dump('lb_cfg_settings', 'WHERE user_row');
                """);
    }

    @Test
    void fullVerifyCountsTheUserRowsOfExtensionConfigurationTables(TestDatabase db) throws Exception {
        installExtension(db);
        db.execute("CREATE EXTENSION lb_cfg", "INSERT INTO lb_cfg_settings (id, v) SELECT g, 'user ' || g FROM generate_series(2, 6) g");
        ManifestStore store = new ManifestStore(folder);
        PgToolLocator tools = PgToolLocator.standard(null);
        BackupEntry e = new BackupService(store, tools).create(BackupRequest.of(db.spec(), "ext"), ProgressListener.NONE,
                CancelToken.none());
        List<ExtensionConfigRows> recorded = ExtensionConfigRows.fromManifest(e.extra().get(ExtensionConfigRows.MANIFEST_KEY));
        assertEquals(1, recorded.size());
        assertEquals(5, recorded.get(0).rows(), "the user rows, by the extension's own filter");

        VerifyReport r = new VerifyService(store, tools).verify(e.id(), VerifyDepth.FULL, db.server().admin(),
                ProgressListener.NONE, CancelToken.none());
        CheckResult check = r.checks().stream().filter(c -> c.name().equals("Extension configuration rows")).findFirst()
                .orElseThrow(() -> new AssertionError("no extension check in " + r.checks()));
        assertEquals(CheckStatus.PASS, check.status(), check.toString());

        Path manifest = folder.resolve(ManifestStore.FILE_NAME);
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"rows\" : 5", "\"rows\" : 6"));
        VerifyReport changed = new VerifyService(store, tools).verify(e.id(), VerifyDepth.FULL, db.server().admin(),
                ProgressListener.NONE, CancelToken.none());
        assertEquals(CheckStatus.FAIL, changed.checks().stream().filter(c -> c.name().equals("Extension configuration rows"))
                .findFirst().orElseThrow().status());
    }

    @Test
    void aFullVerifyInOneTransactionCountedByTheServerStillCountsTheUserRowsOfExtensionConfigurationTables(
            TestDatabase db) throws Exception {
        installExtension(db);
        db.execute("CREATE EXTENSION lb_cfg", "INSERT INTO lb_cfg_settings (id, v) SELECT g, 'user ' || g FROM generate_series(2, 6) g",
                // one table holding most of the data: the test restore runs in one transaction, counted by COPY tags
                "CREATE TABLE events (id int PRIMARY KEY, payload text)",
                "INSERT INTO events SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g",
                "CREATE TABLE few (id int)", "INSERT INTO few VALUES (1), (2)", "VACUUM ANALYZE");
        ManifestStore store = new ManifestStore(folder);
        PgToolLocator tools = PgToolLocator.standard(null);
        BackupEntry e = new BackupService(store, tools).create(BackupRequest.of(db.spec(), "ext"), ProgressListener.NONE,
                CancelToken.none());
        List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();

        VerifyReport r = new VerifyService(store, tools).verify(e.id(), VerifyDepth.FULL, db.server().admin(),
                (d, t, m) -> steps.add(m), CancelToken.none());

        assertEquals(CheckStatus.PASS, r.outcome(), r.checks().toString());
        assertTrue(steps.contains("Comparing the rows the server counted as it loaded them"), steps.toString());
        assertEquals(CheckStatus.PASS, r.checks().stream().filter(c -> c.name().equals("Extension configuration rows"))
                .findFirst().orElseThrow().status());
    }
}
