package dev.lifeboat.core.verify;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Quick verification of a directory-format backup: every file's SHA-256 against the one recorded. */
final class DirectoryChecks {
    static final String NAME = "SHA-256 of each file";

    private DirectoryChecks() {
    }

    static CheckResult files(BackupEntry entry, Path folder, CancelToken cancel) throws IOException {
        Map<String, String> recorded = ArchiveFiles.recorded(entry);
        Map<String, String> now = ArchiveFiles.hashAll(folder, cancel);
        if (recorded.isEmpty()) {
            return new CheckResult(NAME, CheckStatus.WARN, "not recorded", now.size() + " files",
                    "The manifest records no hash per file for this folder; the overall one computed now is "
                            + ArchiveFiles.overall(now) + ".");
        }
        if (entry.hash() != null && !ArchiveFiles.overall(recorded).equalsIgnoreCase(entry.hash())) {
            // the per-file list is what is compared below: it must be the one the backup recorded
            return CheckResult.fail(NAME, entry.hash(), ArchiveFiles.overall(recorded), "The manifest's per-file "
                    + "hashes do not add up to its recorded SHA-256: the entry was edited or damaged, so the files "
                    + "cannot be checked against it. Do not restore from it; use another backup.");
        }
        List<ArchiveFiles.Difference> differ = ArchiveFiles.compare(recorded, now);
        String expected = recorded.size() + " files as recorded";
        if (differ.isEmpty()) {
            return CheckResult.pass(NAME, expected, now.size() + " files, each as recorded");
        }
        return CheckResult.fail(NAME, expected, differ.size() + " of " + recorded.size() + " differ",
                differ.stream().map(ArchiveFiles.Difference::describe).collect(Collectors.joining("; "))
                        + ". The backup's folder " + folder.getFileName() + " is damaged or was changed: do not "
                        + "restore from it; use another backup or copy.");
    }
}
