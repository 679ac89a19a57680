package dev.lifeboat.core.verify;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.archive.ArchiveInspector;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ExtensionConfigRows;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ProcessRunner;
import dev.lifeboat.core.util.Hashing;
import dev.lifeboat.core.util.Sizes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The checks that read the backup's files: size and hashes (quick), then the archive's table of
 * contents, its compressed stream or its data blocks (archive).
 */
final class BackupFileChecks {
    static final String DATA_BLOCKS = "All data blocks readable";

    private final ManifestStore store;
    private final PgToolLocator tools;

    BackupFileChecks(ManifestStore store, PgToolLocator tools) {
        this.store = store;
        this.tools = tools;
    }

    List<CheckResult> quickChecks(BackupEntry entry, Path file, ProgressListener progress, CancelToken cancel) {
        List<CheckResult> checks = new ArrayList<>();
        try {
            long size = ArchiveFiles.size(file);
            if (entry.sizeBytes() == null && entry.sizeMb() != null) {
                // a hand-made manifest records megabytes, rounded: MiB or MB, to a hundredth or so
                double mib = size / 1048576.0;
                double mb = size / 1e6;
                double tolerance = Math.max(0.01, entry.sizeMb() * 0.005);
                boolean same = Math.abs(mib - entry.sizeMb()) <= tolerance || Math.abs(mb - entry.sizeMb()) <= tolerance;
                checks.add(CheckResult.of("Size", same, entry.sizeMb() + " MB (as recorded)", Sizes.megabytes(size) + " MB",
                        "The file's size differs from the manifest's size_mb: it was truncated or replaced."));
            } else if (entry.sizeBytes() == null) {
                checks.add(new CheckResult("Size", CheckStatus.WARN, "not recorded", size + " bytes",
                        "The manifest does not record a size for this backup."));
            } else {
                checks.add(CheckResult.of("Size", entry.sizeBytes() == size, entry.sizeBytes() + " bytes",
                        size + " bytes", size < entry.sizeBytes() ? "The file is shorter than when it was written: it "
                                + "was truncated (an interrupted copy, a full disk)." : "The file changed size since the backup."));
            }
            if (entry.tableCount() != null && entry.tables() != null) {
                int listed = entry.tables().size();
                checks.add(CheckResult.of("Table count", entry.tableCount() == listed, entry.tableCount() + " tables",
                        listed + " listed", "The manifest's table_count disagrees with its own list of tables: the "
                                + "entry was edited or damaged, so its row counts cannot be trusted."));
            }
            String hash = null;
            if (ArchiveFiles.isDirectoryBackup(entry)) {
                progress.step("Computing SHA-256 of each file in " + entry.file());
                checks.add(DirectoryChecks.files(entry, file, cancel)); // names the file that differs
            } else {
                hash = Hashing.sha256(file, (d, t, m) -> progress.progress(d, t, "Computing SHA-256 of "
                        + entry.file()), cancel);
            }
            if (hash == null) {
                // a folder: its overall hash is the per-file check above
            } else if (entry.hash() == null || entry.hash().isBlank()) {
                checks.add(new CheckResult("SHA-256", CheckStatus.WARN, "not recorded", hash,
                        "The manifest has no hash for this backup; the one computed now is shown."));
            } else {
                boolean ok = entry.hash().equalsIgnoreCase(hash);
                checks.add(CheckResult.of("SHA-256", ok, entry.hash(), hash,
                        "The content differs from what was written: the file is damaged or was replaced. "
                                + "Do not restore from it; use another backup."));
            }
            if (entry.globals() != null && entry.globals().file() != null && entry.globals().hash() != null) {
                Path globals = store.rolesFileOf(entry);
                if (Files.isRegularFile(globals)) {
                    String g = Hashing.sha256(globals, ProgressListener.NONE, cancel);
                    checks.add(CheckResult.of("Roles file SHA-256", entry.globals().hash().equalsIgnoreCase(g),
                            entry.globals().hash(), g, "The saved roles file " + globals.getFileName() + " changed."));
                } else {
                    checks.add(new CheckResult("Roles file present", CheckStatus.WARN, entry.globals().file(), "missing",
                            "The saved roles and tablespaces are gone; a restore onto a new server may lack roles."));
                }
            }
        } catch (IOException e) {
            checks.add(CheckResult.fail("File readable", "readable", "error", e.getMessage()));
        }
        return checks;
    }

    List<CheckResult> archiveChecks(BackupEntry entry, Path file, ProgressListener progress, CancelToken cancel,
                                    boolean readBlocks) {
        List<CheckResult> checks = new ArrayList<>();
        BackupFormat format = BackupFormat.fromLabel(entry.format());
        if (format == BackupFormat.SQL) {
            checks.add(new CheckResult("Archive readable", CheckStatus.SKIPPED, null, null,
                    "A plain SQL script has no table of contents; a full verify runs it."));
            return checks;
        }
        if (format == BackupFormat.SQL_GZ) {
            progress.step("Reading the whole compressed script");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
                in.transferTo(java.io.OutputStream.nullOutputStream());
                checks.add(CheckResult.pass("Compressed data readable", "complete gzip stream", "complete"));
            } catch (IOException e) {
                checks.add(CheckResult.fail("Compressed data readable", "complete gzip stream", "damaged",
                        e.getMessage() + ": the file is truncated or corrupt."));
            }
            return checks;
        }
        progress.step("Reading the archive's table of contents");
        try {
            ArchiveToc toc = new ArchiveInspector(tools.require(PgTool.PG_RESTORE, 0)).list(file, cancel);
            checks.add(CheckResult.pass("Table of contents readable", "pg_restore --list succeeds", "succeeds"));
            int count = toc.totalEntries();
            if (entry.tocEntries() == null) {
                checks.add(new CheckResult("TOC entries", CheckStatus.WARN, "not recorded", Integer.toString(count), null));
            } else {
                // Backups taken by earlier builds recorded only the entries pg_restore lists.
                boolean same = entry.tocEntries() == count || entry.tocEntries() == toc.entries().size();
                checks.add(CheckResult.of("TOC entries", same, entry.tocEntries().toString(),
                        Integer.toString(count), "The archive lists other objects than it did when written."));
            }
            if (entry.tableCount() != null) {
                // pg_dump also writes the user rows of extension configuration tables, which the
                // entry records apart from its tables.
                java.util.Set<String> extensionTables = new java.util.HashSet<>();
                for (ExtensionConfigRows t : ExtensionConfigRows.fromManifest(entry.extra().get(ExtensionConfigRows.MANIFEST_KEY))) {
                    extensionTables.add(t.schema() + "\u0000" + t.table());
                }
                int inArchive = (int) toc.tableData().stream()
                        .filter(t -> !extensionTables.contains(t.schema() + "\u0000" + t.name())).count();
                checks.add(CheckResult.of("Tables in the archive", inArchive == entry.tableCount(),
                        entry.tableCount() + " tables with data", inArchive + " in the archive",
                        "The archive holds data for another number of tables than the manifest records: it is not "
                                + "the backup the entry describes."));
            }
        } catch (LifeboatException e) {
            if (e.code() == ErrorCode.CANCELLED) {
                throw e;
            }
            checks.add(NotRun.machinery(e.code()) ? NotRun.check("Table of contents readable", e.getMessage())
                    : CheckResult.fail("Table of contents readable", "pg_restore --list succeeds", "fails", e.getMessage()));
            return checks;
        }
        if (readBlocks) {
            checks.add(dataBlocks(file, progress, cancel));
        }
        return checks;
    }

    /** pg_restore reads every data block of the archive into the null device. */
    CheckResult dataBlocks(Path file, ProgressListener progress, CancelToken cancel) {
        progress.step("Reading every data block of the archive");
        ProcessRunner.Result all;
        try {
            all = new ArchiveInspector(tools.require(PgTool.PG_RESTORE, 0)).readAll(file, cancel);
        } catch (LifeboatException e) {
            if (!NotRun.machinery(e.code())) {
                throw e;
            }
            return NotRun.check(DATA_BLOCKS, e.getMessage());
        }
        if (all.killed()) {
            return NotRun.check(DATA_BLOCKS, "pg_restore was killed (exit code " + all.exitCode() + ") while reading the "
                    + "data blocks; the archive was not judged. Run the verification again.");
        }
        return CheckResult.of(DATA_BLOCKS, all.ok(), "every block decompresses",
                all.ok() ? "all read" : "error", "pg_restore stopped: " + all.summary()
                        + ". The archive is truncated or corrupt; do not rely on it.");
    }
}
