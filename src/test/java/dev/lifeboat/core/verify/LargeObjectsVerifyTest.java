package dev.lifeboat.core.verify;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.LargeObjects;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.AppSchema;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(PgExtension.class)
class LargeObjectsVerifyTest {
    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private CheckResult largeObjectsCheck(ManifestStore store, String id, TestDatabase db) {
        VerifyReport r = new VerifyService(store, tools).verify(id, VerifyDepth.FULL, db.server().admin(),
                ProgressListener.NONE, CancelToken.none());
        return r.checks().stream().filter(c -> c.name().equals("Large objects")).findFirst().orElseThrow();
    }

    @Test
    void fullVerifyComparesLargeObjectsRecordedAtBackup(TestDatabase db) throws Exception {
        AppSchema.create(db);
        ManifestStore store = new ManifestStore(folder);
        BackupEntry e = new BackupService(store, tools).create(BackupRequest.of(db.spec(), "app"), ProgressListener.NONE,
                CancelToken.none());
        LargeObjects recorded = LargeObjects.fromManifest(e.extra().get(LargeObjects.MANIFEST_KEY));
        assertEquals(AppSchema.LARGE_OBJECTS, recorded.count());
        assertTrue(recorded.bytes() != null && recorded.bytes() > 0);
        assertEquals(CheckStatus.PASS, largeObjectsCheck(store, e.id(), db).status());

        // a manifest that says the database held one more than the archive has: the check must see it
        Path manifest = folder.resolve(ManifestStore.FILE_NAME);
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replaceFirst("\"count\" : 3", "\"count\" : 4"));
        assertEquals(CheckStatus.FAIL, largeObjectsCheck(store, e.id(), db).status());
    }
}
