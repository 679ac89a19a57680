package dev.lifeboat.core.verify;

import dev.lifeboat.cli.CliAccess;
import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.RawTools;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Manifests written by hand or by other tools, on other machines. */
@ExtendWith(PgExtension.class)
class HandMadeManifestTest {
    @TempDir
    Path folder;

    @Test
    void foreignPathsResolveBesideTheManifestAndSizeMbIsTheRecordedSize(TestDatabase db) throws Exception {
        SampleData.create(db);
        Path dump = RawTools.dump(db, Files.createTempDirectory("lifeboat-hm"));
        Files.copy(dump, folder.resolve("x.dump"));
        Files.copy(dump, folder.resolve("y.dump"));
        double mb = Math.round(Files.size(dump) / 1048576.0 * 100) / 100.0;
        Files.writeString(folder.resolve(ManifestStore.FILE_NAME), """
                {"backups": [
                  {"timestamp": "20240105_120000", "datetime": "2024-01-05T12:00:00.123456",
                   "description": "from the Windows box", "file": "L:\\\\limo\\\\backups\\\\x.dump",
                   "size_mb": %s, "backup_type": "manual"},
                  {"timestamp": "20240106_120000", "datetime": "2024-01-06T12:00:00",
                   "database": "a_database_name_much_longer_than_its_column",
                   "description": "from the old server", "file": "/srv/old/backups/y.dump",
                   "size_mb": 99.5, "backup_type": "manual"}
                ]}
                """.formatted(String.format(Locale.ROOT, "%.2f", mb)));
        ManifestStore store = new ManifestStore(folder);
        VerifyService verify = new VerifyService(store, PgToolLocator.standard(null));

        VerifyReport x = verify.verify("20240105_120000", VerifyDepth.QUICK, null, ProgressListener.NONE, CancelToken.none());
        CheckResult present = x.checks().stream().filter(c -> c.name().equals("Backup file present")).findFirst().orElseThrow();
        assertEquals(CheckStatus.PASS, present.status(), x.checks().toString());
        CheckResult size = x.checks().stream().filter(c -> c.name().equals("Size")).findFirst().orElseThrow();
        assertEquals(CheckStatus.PASS, size.status(), "size_mb is the recorded size: " + size);

        VerifyReport y = verify.verify("20240106_120000", VerifyDepth.QUICK, null, ProgressListener.NONE, CancelToken.none());
        assertEquals(CheckStatus.FAIL, y.checks().stream().filter(c -> c.name().equals("Size")).findFirst().orElseThrow()
                .status(), "a size_mb that does not match fails");

        List<String> rows = CliAccess.run("--folder", folder.toString(), "list").lines().skip(1).filter(l -> !l.isBlank()).toList();
        int column = rows.get(0).indexOf("DATABASE");
        for (String row : rows.subList(1, rows.size())) {
            assertTrue(row.length() > column + 16 && row.charAt(column - 1) == ' ', "aligned:\n" + String.join("\n", rows));
        }
        int sizeColumn = rows.get(0).indexOf("SIZE") + 4;
        rows.subList(1, rows.size()).forEach(r -> assertTrue(r.substring(0, sizeColumn).endsWith("MB"),
                "the SIZE column stays in place:\n" + String.join("\n", rows)));
    }

    @Test
    void aFullVerifyOfAnEntryWithoutItsServerAsksForOneInsteadOfGuessingLocalhost() throws Exception {
        Files.writeString(folder.resolve("z.dump"), "not read");
        Files.writeString(folder.resolve(ManifestStore.FILE_NAME), """
                {"backups": [{"timestamp": "20240107_120000", "datetime": "2024-01-07T12:00:00", "file": "z.dump",
                              "backup_type": "manual"}]}
                """);
        VerifyService verify = new VerifyService(new ManifestStore(folder), PgToolLocator.standard(null));
        LifeboatException e = assertThrows(LifeboatException.class, () -> verify.verify("20240107_120000",
                VerifyDepth.FULL, null, ProgressListener.NONE, CancelToken.none()));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().contains("Name a server"), e.getMessage());
    }
}
