package dev.lifeboat.core.verify;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveRestorer;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.archive.CommitGate;
import dev.lifeboat.core.archive.RestoreStrategy;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.ExtensionConfigRows;
import dev.lifeboat.core.pg.LargeObjects;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.util.Sizes;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static dev.lifeboat.core.verify.VerifyService.round;

/**
 * A full verify's test restore into its scratch database, and the counts that check the restored
 * copy: rows per table, extension configuration rows and large objects.
 */
final class FullVerifyRestore {
    private final PgToolLocator tools;

    FullVerifyRestore(PgToolLocator tools) {
        this.tools = tools;
    }

    record FullResult(List<CheckResult> checks, List<TableCheck> tables, Double restoreSeconds, boolean restored) {
    }

    /** @param gate the file's checks running beside the test restore, whose COMMIT waits for them */
    FullResult testRestore(BackupEntry entry, Path file, ScratchDatabase scratch, CommitGate gate,
                           ProgressListener progress, CancelToken cancel) {
        List<CheckResult> checks = new ArrayList<>();
        ConnectionSpec server = scratch.server;
        ConnectionSpec target = server.withDatabase(scratch.name);
        progress.step("Creating scratch database " + scratch.name + " on " + server.host() + ":" + server.port());
        boolean created = false;
        try {
            long lockSlots = scratch.await();
            created = true;
            long t0 = System.nanoTime();
            // the rule a restore uses, so that the measured time is what a restore of this backup will take
            RestoreStrategy strategy = RestoreStrategy.forBackup(entry, tools, 0, lockSlots);
            var r = new ArchiveRestorer(tools).restore(file, BackupFormat.fromLabel(entry.format()),
                    target, ArchiveRestorer.Options.testRestore(strategy).withGate(gate), entry.tables(), progress, cancel);
            double restoreSeconds = round((System.nanoTime() - t0) / 1e9);
            String interrupted = NotRun.interruption(r.process());
            if (interrupted != null) {
                // pg_restore was killed or lost its server: the archive was never judged, so neither
                // the restore nor the row counts of a half-restored copy say anything about it.
                checks.add(NotRun.check("Test restore", interrupted));
                checks.add(new CheckResult("Row counts", CheckStatus.SKIPPED, null, null,
                        "Skipped: the test restore did not finish."));
                return new FullResult(checks, List.of(), null, false);
            }
            checks.add(CheckResult.of("Test restore", r.ok(), "restores without errors",
                    r.ok() ? "restored in " + Sizes.seconds(restoreSeconds) : "errors (exit code " + r.exitCode() + ")",
                    r.ok() && !r.warnings().isEmpty() ? String.join("\n", r.warnings()) : r.summary()));
            checks.add(new CheckResult("Measured restore time", CheckStatus.PASS, null, Sizes.seconds(restoreSeconds),
                    "on " + server.host() + ":" + server.port() + " " + strategy.label() + " (" + strategy.reason() + ")"));
            List<TableCheck> tables = List.of();
            if (entry.tables() == null) {
                checks.add(new CheckResult("Row counts", CheckStatus.WARN, "not recorded", null,
                        "This backup was imported without row counts; only the restore itself was checked."));
            } else {
                progress.step(r.loadedRows() != null ? "Comparing the rows the server counted as it loaded them"
                        : "Counting rows in the restored copy");
                tables = RowCountCheck.compare(entry.tables(), r.loadedRows(), r.tables(), () -> Pg.connect(target),
                        "estimated".equals(entry.rowCountMethod()), cancel);
                checks.add(RowCountCheck.summarize(tables, "Row counts"));
            }
            List<ExtensionConfigRows> configRows = ExtensionConfigRows.fromManifest(
                    entry.extra().get(ExtensionConfigRows.MANIFEST_KEY));
            if (!configRows.isEmpty()) {
                // user rows in extension configuration tables, counted with the extension's own filter
                List<String> differ = new ArrayList<>();
                try (Connection c = Pg.connect(target)) {
                    for (ExtensionConfigRows t : configRows) {
                        long now = t.count(c);
                        if (now != t.rows()) {
                            differ.add(t.schema() + "." + t.table() + ": " + now + " rows, " + t.rows() + " at backup");
                        }
                    }
                } catch (SQLException e) {
                    differ.add("cannot count them: " + e.getMessage());
                }
                checks.add(CheckResult.of("Extension configuration rows", differ.isEmpty(),
                        configRows.stream().mapToLong(ExtensionConfigRows::rows).sum() + " rows in " + configRows.size()
                                + " table(s)", differ.isEmpty() ? "the same" : String.join("; ", differ),
                        "The restored copy does not hold the extension configuration rows the database held."));
            }
            LargeObjects recorded = LargeObjects.fromManifest(entry.extra().get(LargeObjects.MANIFEST_KEY));
            if (recorded != null) {
                // no table's row count covers large objects
                LargeObjects restored;
                try (Connection c = Pg.connect(target)) {
                    restored = LargeObjects.read(c);
                }
                boolean sizeSame = recorded.bytes() == null || restored.bytes() == null
                        || recorded.bytes().equals(restored.bytes());
                checks.add(CheckResult.of("Large objects", recorded.count() == restored.count() && sizeSame,
                        describe(recorded), describe(restored), "The restored copy does not hold the large objects "
                                + "the database held at backup."));
            }
            return new FullResult(checks, tables, restoreSeconds, r.ok());
        } catch (SQLException e) {
            String why = Pg.failure(ErrorCode.VERIFY_FAILED, "The test restore failed", e).getMessage();
            // The scratch server refusing to create the database says nothing about the backup.
            checks.add(created ? CheckResult.fail("Test restore", "restores without errors", "error", why)
                    : NotRun.check("Test restore", "The scratch database could not be created: " + why));
            return new FullResult(checks, List.of(), null, false);
        } catch (LifeboatException e) {
            if (e.code() == ErrorCode.CANCELLED) {
                throw e;
            }
            checks.add(NotRun.machinery(e.code())
                    ? NotRun.check("Test restore", e.getMessage())
                    : CheckResult.fail("Test restore", "restores without errors", "could not run", e.getMessage()));
            return new FullResult(checks, List.of(), null, false);
        } finally {
            if (created) {
                progress.step("Dropping scratch database " + scratch.name);
            }
        }
    }

    private static String describe(LargeObjects lo) {
        return lo.count() + (lo.bytes() == null ? "" : " (" + lo.bytes() + " bytes)");
    }
}
