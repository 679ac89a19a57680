package dev.lifeboat.core.importer;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.retention.PruneService;
import dev.lifeboat.core.retention.RetentionPolicies;
import dev.lifeboat.core.retention.RetentionPolicy;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Import adopts only database backups no entry names yet (issue 12, item 1). */
@ExtendWith(PgExtension.class)
class ImportAdoptionTest {
    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private ImportResult importFolder() {
        return new ImportService(new ManifestStore(folder), tools).importFiles(List.of(folder), ProgressListener.NONE,
                CancelToken.none());
    }

    @Test
    void importOfABackupFolderAdoptsNeitherRolesFilesNorLeftoversAndPruneKeepsTheRealDump(TestDatabase db)
            throws Exception {
        SampleData.create(db);
        ManifestStore store = new ManifestStore(folder);
        BackupEntry real = new BackupService(store, tools).create(BackupRequest.of(db.spec(), "real"),
                ProgressListener.NONE, CancelToken.none());
        assertNotNull(real.globals().file(), "the test needs a roles file beside the dump");
        Files.writeString(folder.resolve(real.id() + "_2.dump.partial"), "half a dump");
        Files.writeString(folder.resolve("backup_manifest.json.tmp-12345"), "{}");
        Files.writeString(folder.resolve("leftover.sql.tmp"), "SELECT 1;");

        ImportResult r = importFolder();
        assertTrue(r.added().isEmpty(), r.added().toString());
        assertTrue(r.skipped().isEmpty(), r.skipped().toString());
        assertTrue(r.nothingToAdopt());
        assertEquals(1, store.load().backups().size());
        assertEquals(real.id(), store.load().current());

        new RetentionPolicies(new RetentionPolicy(1, null, null, null, null, null), Map.of()).save(folder);
        new PruneService(store).prune(false, OffsetDateTime.now());
        assertTrue(Files.isRegularFile(folder.resolve(real.file())), "prune must keep the only real dump");
        assertEquals(List.of(real.id()), store.load().backups().stream().map(BackupEntry::id).toList());
    }

    @Test
    void afterALostManifestImportAdoptsTheDumpAndNotItsRolesFile(TestDatabase db) throws Exception {
        SampleData.create(db);
        ManifestStore store = new ManifestStore(folder);
        BackupEntry real = new BackupService(store, tools).create(BackupRequest.of(db.spec(), "real"),
                ProgressListener.NONE, CancelToken.none());
        Files.delete(store.manifestFile());

        ImportResult r = importFolder();
        assertEquals(List.of(real.file()), r.added().stream().map(BackupEntry::file).toList(), r.toString());
        assertTrue(r.ignored().stream().anyMatch(s -> s.contains(real.globals().file()) && s.contains("roles")),
                r.ignored().toString());
        assertTrue(importFolder().nothingToAdopt(), "a second import finds nothing new");
    }
}
