package dev.lifeboat.cli;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.destination.CopyService;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.restore.RestoreConfirmation;
import dev.lifeboat.core.restore.RestoreMode;
import dev.lifeboat.core.restore.RestorePlan;
import dev.lifeboat.core.restore.RestoreRequest;
import dev.lifeboat.core.restore.RestoreResult;
import dev.lifeboat.core.restore.RestoreService;
import dev.lifeboat.core.restore.TableDiff;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.Console;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "restore", description = "Restore a backup safely: a plan first, then replace by swap, a new "
        + "database, or in place after a safety backup.")
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    LifeboatCli root;

    @Parameters(index = "0", paramLabel = "ID|latest")
    String id;

    @Option(names = "--to", required = true, paramLabel = "CONN", description = "The target database.")
    String to;

    @Option(names = "--mode", paramLabel = "replace|new|in-place",
            description = "Default: replace when the target exists, else new.")
    String mode;

    @Option(names = "--new-name", paramLabel = "NAME", description = "Database name for --mode new.")
    String newName;

    @Option(names = "--table", paramLabel = "SCHEMA.TABLE", description = "Restore only this table (with what it "
            + "needs); repeatable. As in SQL ('\"My Schema\".\"T 1\"') or exactly as in the database.")
    List<String> tables = new ArrayList<>();

    @Option(names = "--schema", paramLabel = "NAME", description = "Restore only this schema; repeatable.")
    List<String> schemas = new ArrayList<>();

    @Option(names = "--data-only", description = "Restore data only (the tables must exist).")
    boolean dataOnly;

    @Option(names = "--jobs", paramLabel = "N", description = "Parallel pg_restore jobs (default: chosen from the backup's shape: one transaction for many small objects, a job per core for large tables).")
    int jobs;

    @Option(names = "--dry-run", description = "Show the plan and change nothing.")
    boolean dryRun;

    @Option(names = "--terminate-sessions", description = "End other sessions on the target when needed.")
    boolean terminate;

    @Option(names = "--confirm", paramLabel = "NAME", description = "The target's name, required for protected targets.")
    String confirm;

    @Option(names = "--create-roles", description = "Create missing roles from the roles saved with the backup.")
    boolean createRoles;

    @Option(names = "--no-owner", description = "Do not restore owners: objects belong to the user who restores "
            + "(for a server without the backup's roles).")
    boolean noOwner;

    @Option(names = "--no-privileges", description = "Do not restore privileges (grants).")
    boolean noPrivileges;

    @Option(names = "--yes", description = "Do not ask for confirmation (scripts).")
    boolean yes;

    @Option(names = {"-W", "--password"}, description = "Ask for the password.")
    boolean prompt;

    @Option(names = "--json", description = "Print the plan (and result) as JSON.")
    boolean json;

    @Option(names = "--identity", paramLabel = "FILE", description = "age identity file for encrypted backups "
            + "(default: LIFEBOAT_AGE_IDENTITY, else the one chosen in the app).")
    Path identity;

    @Option(names = "--from", paramLabel = "NAME", description = "Fetch the backup from this destination first when "
            + "the local file is missing or damaged.")
    String from;

    @Override
    public Integer call() throws Exception {
        ConnectionSpec spec = ConnectionOptions.resolve(root, to, prompt);
        if (yes && !dryRun && !json && !Databases.MAINTENANCE.equals(spec.database())) {
            // The password is proved on the server's maintenance database, on the connection opened while
            // the command line was read (LifeboatCli.startEarly); the restore plans and creates the database
            // on it. Where that database cannot be reached, the target's own check says why, as before.
            // Not when the target is that database: a session held there would stop its replacement.
            return ConnectionOptions.withConnection(spec.withDatabase(Databases.MAINTENANCE), (ready, maintenance) -> {
                ConnectionSpec target = maintenance != null ? ready.withDatabase(spec.database()) : ConnectionOptions.ready(spec);
                try {
                    return restoreNow(target, maintenance);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        ConnectionSpec target = ConnectionOptions.ready(spec);
        if (from != null) {
            fetchIfNeeded();
        }
        RestoreRequest req = request(target);
        RestoreService service = service();
        // With --yes nobody reads the plan before the restore: the restore checks the SHA-256 beside pg_restore.
        RestorePlan plan = yes && !dryRun ? service.planToRunNow(req, new CancelToken()) : service.plan(req, new CancelToken());
        if (json && (dryRun || !plan.allowed())) {
            System.out.println(Json.MAPPER.writeValueAsString(plan));
        } else if (!json) {
            print(plan);
        }
        if (!plan.allowed()) {
            return ErrorCode.RESTORE_REFUSED.exitCode();
        }
        if (dryRun) {
            return 0;
        }
        if (!yes && !confirmed(plan, req)) {
            System.err.println("lifeboat: not confirmed; nothing was changed.");
            return ErrorCode.RESTORE_REFUSED.exitCode();
        }
        RestoreResult result = CliTask.run((progress, cancel) -> service.restore(
                req.withConfirmName(confirm == null ? plan.targetDatabase() : confirm).withTerminateSessions(terminate),
                plan, progress, cancel));
        printResult(plan, result);
        return 0;
    }

    /**
     * With --yes and nothing to confirm, the restore plans once: its plan is printed as it is made,
     * before anything changes, and a refused one ends the command as a refused plan does.
     */
    private int restoreNow(ConnectionSpec target, Connection maintenance) throws Exception {
        if (from != null) {
            fetchIfNeeded();
        }
        RestoreRequest req = request(target).withTerminateSessions(terminate);
        RestoreService service = service();
        RestorePlan[] shown = {null};
        RestoreResult result;
        try {
            result = CliTask.run((progress, cancel) -> service.planAndRestore(req, maintenance, plan -> {
                shown[0] = plan;
                print(plan);
            }, progress, cancel));
        } catch (LifeboatException e) {
            if (e.code() == ErrorCode.RESTORE_REFUSED && shown[0] != null && !shown[0].allowed()) {
                return ErrorCode.RESTORE_REFUSED.exitCode(); // the printed plan says why
            }
            throw e;
        }
        printResult(shown[0], result);
        return 0;
    }

    private RestoreRequest request(ConnectionSpec target) {
        return new RestoreRequest(id, target, mode == null ? null : RestoreMode.parse(mode), newName,
                tables, schemas, dataOnly, jobs, terminate, confirm, createRoles).withOwnership(noOwner, noPrivileges);
    }

    private RestoreService service() {
        return new RestoreService(root.store(), root.tools(), root.settings()::isProtected,
                identity != null ? identity : dev.lifeboat.core.crypto.IdentitySetting.resolve(dev.lifeboat.core.settings.AppPaths.configFolder()));
    }

    private void printResult(RestorePlan plan, RestoreResult result) throws Exception {
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(result));
        } else {
            result.warnings().forEach(w -> System.out.println("Warning: " + w));
            System.out.printf("Restored %s into %s in %s (operation %s).%n", plan.backupId(), result.restoredDatabase(),
                    Sizes.seconds(result.durationSeconds()), result.operationId());
            System.out.println(result.rowCheck());
            if (result.rollbackDatabase() != null) {
                System.out.printf("The previous database is kept as %s. Undo: lifeboat rollback %s   "
                        + "Drop it: lifeboat discard %s%n", result.rollbackDatabase(), result.operationId(), result.operationId());
            }
            if (result.safetyBackupId() != null) {
                System.out.printf("Safety backup taken first: %s%n", result.safetyBackupId());
            }
        }
    }

    private void fetchIfNeeded() {
        CopyService copies = new CopyService(root.store());
        var entry = root.store().find(id);
        if (!CliTask.run((progress, cancel) -> copies.localFileGood(entry, cancel))) {
            CliTask.run((progress, cancel) -> copies.fetch(entry.effectiveId(), from, progress, cancel));
            System.err.println("Fetched " + entry.file() + " from " + from + " (SHA-256 matches the manifest).");
        }
    }

    private boolean confirmed(RestorePlan plan, RestoreRequest req) {
        Console console = System.console();
        if (console == null) {
            throw new LifeboatException(ErrorCode.USAGE, "No terminal to confirm the restore on: add --yes to run it "
                    + "from a script" + (plan.targetProtected() ? " (and --confirm " + plan.targetDatabase() + ")." : "."));
        }
        // At a terminal the name is always typed, protected or not: a script says --yes instead.
        String answer = console.readLine("%s? Type the database name to confirm: ", RestoreConfirmation.actionLabel(plan, req));
        return answer != null && answer.strip().equals(RestoreConfirmation.nameToType(plan));
    }

    static void print(RestorePlan p) {
        System.out.printf("Restore plan: backup %s -> %s on %s (%s)%n", p.backupId(),
                p.mode() == RestoreMode.NEW ? p.workingDatabase() : p.targetDatabase(), p.server(), p.mode().label());
        int i = 1;
        for (String s : p.steps()) {
            System.out.printf("  %d. %s%n", i++, s);
        }
        System.out.printf("Estimated time: %s (from %s)%n", Sizes.seconds(p.estimatedSeconds()), p.estimateBasis());
        if (p.migrationNow() != null || p.migrationInBackup() != null) {
            System.out.printf("Migration version: now %s, in the backup %s%n", p.migrationNow(), p.migrationInBackup());
        }
        List<TableDiff> changed = p.tables().stream().filter(t -> !"same".equals(t.change())).toList();
        if (p.countsNowMethod() != null) {
            System.out.printf("Tables: %d, of which %d differ (counts now: %s)%n", p.tables().size(), changed.size(),
                    p.countsNowMethod());
            for (TableDiff t : changed) {
                System.out.printf("  %-40s now %10s   backup %10s   %s%n", t.qualifiedName(),
                        t.rowsNow() == null ? "-" : t.rowsNow(), t.rowsInBackup() == null ? "-" : t.rowsInBackup(), t.change());
            }
        }
        if (!p.missingRoles().isEmpty()) {
            System.out.println("Roles the backup needs that the server lacks: " + String.join(", ", p.missingRoles()));
        }
        p.warnings().forEach(w -> System.out.println("Warning: " + w));
        if (!p.allowed()) {
            System.out.println("Refused; nothing was changed:");
            p.refusals().forEach(x -> {
                String remedy = ConnectionOptions.render(x.remedy());
                System.out.println("  - " + x.message() + (remedy == null ? "" : " " + remedy));
            });
        }
    }

}
