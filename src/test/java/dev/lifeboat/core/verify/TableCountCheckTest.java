package dev.lifeboat.core.verify;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** table_count is checked against the entry's own list and the archive's table data (issue 12, item 12). */
@ExtendWith(PgExtension.class)
class TableCountCheckTest {
    @TempDir
    Path folder;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private VerifyReport verify(String id, VerifyDepth depth) {
        return new VerifyService(new ManifestStore(folder), tools).verify(id, depth, null, ProgressListener.NONE,
                CancelToken.none());
    }

    private static CheckResult check(VerifyReport r, String name) {
        return r.checks().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + r.checks()));
    }

    @Test
    void tableCountIsCheckedAgainstTheListAndTheArchive(TestDatabase db) throws Exception {
        SampleData.create(db);
        BackupEntry e = new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "tc"),
                ProgressListener.NONE, CancelToken.none());
        VerifyReport good = verify(e.id(), VerifyDepth.ARCHIVE);
        assertEquals(CheckStatus.PASS, check(good, "Table count").status());
        assertEquals(CheckStatus.PASS, check(good, "Tables in the archive").status());

        ManifestStore store = new ManifestStore(folder);
        Path manifest = store.manifestFile();
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replace("\"table_count\" : " + e.tableCount(), "\"table_count\" : 7"));
        VerifyReport edited = verify(e.id(), VerifyDepth.QUICK);
        assertEquals(CheckStatus.FAIL, check(edited, "Table count").status(), edited.checks().toString());
        assertEquals(CheckStatus.FAIL, edited.outcome());

        // Consistent with itself, but not with the archive: one table fewer in both count and list.
        Files.writeString(manifest, text);
        store.update(m -> m.withReplaced(e.id(), x -> x.withTables(x.tables().subList(1, x.tables().size()))));
        VerifyReport archive = verify(e.id(), VerifyDepth.ARCHIVE);
        assertEquals(CheckStatus.PASS, check(archive, "Table count").status());
        assertEquals(CheckStatus.FAIL, check(archive, "Tables in the archive").status(), archive.checks().toString());
    }
}
