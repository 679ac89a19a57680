package dev.lifeboat.cli;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.destination.CopyService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.manifest.TableCheck;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.Sizes;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.ReportWriter;
import dev.lifeboat.core.verify.VerifyReport;
import dev.lifeboat.core.verify.VerifyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "verify", description = "Check a backup: quick (size, SHA-256), archive (+ every block readable), "
        + "full (+ test restore with row counts).")
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    LifeboatCli root;

    @Parameters(index = "0", paramLabel = "ID|latest", description = "The backup to check.")
    String id;

    @Option(names = "--depth", paramLabel = "quick|archive|full",
            description = "How deep to check (default: archive; quick with --at).")
    String depth;

    @Option(names = "--scratch", paramLabel = "CONN", description = "Server for the full verify's test restore "
            + "(default: the server the backup came from).")
    String scratch;

    @Option(names = {"-W", "--password"}, description = "Ask for the scratch server's password.")
    boolean prompt;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--identity", paramLabel = "FILE", description = "age identity file for encrypted backups "
            + "(default: LIFEBOAT_AGE_IDENTITY, else the one chosen in the app).")
    Path identity;

    @Option(names = "--at", paramLabel = "NAME", description = "Check the copy at this destination instead of the "
            + "local file (quick depth: read back and compare the SHA-256).")
    String at;

    @Override
    public Integer call() throws Exception {
        VerifyDepth d = VerifyDepth.parse(depth != null ? depth : at != null ? "quick" : "archive");
        if (at != null) {
            return verifyCopy(d);
        }
        ConnectionSpec given = scratch == null ? null : ConnectionOptions.resolve(root, scratch, prompt);
        VerifyService service = new VerifyService(root.store(), root.tools(), identity != null ? identity : dev.lifeboat.core.crypto.IdentitySetting.resolve(dev.lifeboat.core.settings.AppPaths.configFolder()));
        VerifyReport report;
        if (d == VerifyDepth.FULL) {
            // The scratch server's password is asked before the verification starts (on the connection opened
            // while the command line was read, when there was one: EarlyRestore).
            BackupEntry entry = service.find(id);
            ConnectionSpec where = given != null ? given : VerifyService.scratchServerFor(entry);
            ConnectionSpec asked = prompt && given == null ? ConnectionOptions.withPrompt(where) : where;
            report = CliTask.run((progress, cancel) -> ConnectionOptions.withPasswordRetry(asked,
                    ready -> service.verify(entry, d, given != null ? ready : null, progress, cancel)));
        } else {
            report = CliTask.run((progress, cancel) -> service.verify(id, d, given, progress, cancel));
        }
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(report));
        } else {
            print(report);
        }
        // Could not verify is not a failed backup: it gets its own exit code, so a script tells them apart.
        return report.passed() ? 0 : report.notRun() ? ErrorCode.VERIFY_NOT_RUN.exitCode()
                : ErrorCode.VERIFY_FAILED.exitCode();
    }

    private int verifyCopy(VerifyDepth d) throws Exception {
        if (d != VerifyDepth.QUICK) {
            throw new dev.lifeboat.core.LifeboatException(ErrorCode.USAGE, "A copy at a destination is checked at "
                    + "quick depth (read back, SHA-256 compared). For a deeper check, restore from it or fetch it first.");
        }
        CopyService.CopyCheck c = CliTask.run((progress, cancel) -> new CopyService(root.store())
                .check(id, at, progress, cancel));
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(c));
        } else {
            System.out.printf("Copy of %s at %s: [%s] %s%n", c.backupId(), at, c.passed() ? "PASS" : "FAIL", c.detail());
            System.out.println("Result: " + (c.passed() ? "PASSED" : "FAILED"));
        }
        return c.passed() ? 0 : ErrorCode.VERIFY_FAILED.exitCode();
    }

    private static String mark(CheckStatus s) {
        return ReportWriter.mark(s);
    }

    private static void print(VerifyReport r) {
        System.out.printf("Verification of %s (%s depth)%n", r.backupId(), r.depth().label());
        for (CheckResult c : r.checks()) {
            String values = c.status() == CheckStatus.PASS || c.expected() == null ? (c.actual() == null ? "" : c.actual())
                    : "expected " + c.expected() + ", found " + c.actual();
            System.out.printf("  [%s] %-28s %s%n", mark(c.status()), c.name(), values);
            if (c.detail() != null && c.status() != CheckStatus.PASS) {
                System.out.printf("         %s%n", c.detail());
            }
        }
        for (TableCheck t : r.tables()) {
            if (t.status() != CheckStatus.PASS) {
                System.out.printf("  [%s] table %-40s expected %s rows, found %s%n", mark(t.status()), t.qualifiedName(),
                        t.expected(), t.actual() == null ? "no table" : t.actual());
            }
        }
        long passed = r.checks().stream().filter(c -> c.status() == CheckStatus.PASS).count();
        System.out.printf("Result: %s (%d of %d checks passed) in %s%n", ReportWriter.headline(r), passed,
                r.checks().size(), Sizes.seconds(r.durationSeconds()));
    }
}
