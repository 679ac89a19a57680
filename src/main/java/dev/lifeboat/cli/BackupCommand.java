package dev.lifeboat.cli;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.crypto.AgeKeys;
import dev.lifeboat.core.destination.CopyService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "backup", description = "Back up a database with pg_dump -Fc, hashed as it is written "
        + "(with --jobs N: pg_dump -Fd with N workers into a folder, each file hashed).")
final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    LifeboatCli root;

    @Option(names = "--db", required = true, paramLabel = "CONN",
            description = "postgresql://user@host:5432/db, 'host=... dbname=...', or a saved connection name.")
    String db;

    @Option(names = "--description", paramLabel = "TEXT", description = "What this backup is for.")
    String description = "";

    @Option(names = "--tag", paramLabel = "TAG", description = "A tag (manual, scheduled, pre-migration, ...); repeatable.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--estimated-counts", description = "Record the planner's row estimates instead of exact counts.")
    boolean estimated;

    @Option(names = "--no-globals", description = "Do not save the cluster's roles and tablespaces beside the dump.")
    boolean noGlobals;

    @Option(names = {"-W", "--password"}, description = "Ask for the password.")
    boolean prompt;

    @Option(names = "--json", description = "Print the new manifest entry as JSON.")
    boolean json;

    @Option(names = "--copy-to", paramLabel = "NAME", description = "Copy the backup to this destination; "
            + "repeatable (default: the folder's automatic destinations).")
    List<String> copyTo = new ArrayList<>();

    @Option(names = "--no-copy", description = "Do not copy the backup to any destination.")
    boolean noCopy;

    @Option(names = "--encrypt-to", paramLabel = "RECIPIENT|FILE", description = "Encrypt the backup (age) to this "
            + "recipient (age1...) or the recipients in this file; repeatable.")
    List<String> encryptTo = new ArrayList<>();

    @Option(names = "--jobs", paramLabel = "N", description = "Dump with N parallel pg_dump workers into a "
            + "directory-format backup (a folder <id>.dir, each file hashed); 2 to 64, each one more server session. "
            + "Default: one -Fc file.")
    Integer jobs;

    @Override
    public Integer call() throws Exception {
        int n = jobs == null ? 1 : jobs;
        if (n < 1 || n > BackupRequest.MAX_JOBS) {
            throw new LifeboatException(ErrorCode.USAGE, "--jobs needs a number of parallel pg_dump workers from 2 to "
                    + BackupRequest.MAX_JOBS + ", not " + n + " (each is one more session on the server; 2 to 4 suit "
                    + "most machines). Leave --jobs out for one -Fc file.");
        }
        List<String> recipients = encryptTo.isEmpty() ? List.of() : AgeKeys.recipients(encryptTo);
        ConnectionSpec spec = ConnectionOptions.resolve(root, db, prompt);
        PgToolLocator tools = root.tools();
        // The tools' versions are asked (a process start each) while the password is checked, not after.
        tools.findInBackground(PgTool.PG_DUMP);
        if (!noGlobals) {
            tools.findInBackground(PgTool.PG_DUMPALL);
        }
        // The password check's connection becomes the snapshot's holder: one connection, not two, before pg_dump.
        BackupEntry entry = CliTask.run((progress, cancel) -> ConnectionOptions.withConnection(spec,
                (s, opened) -> new BackupService(root.store(), tools).create(new BackupRequest(s, description, tags,
                        estimated, !noGlobals, recipients, n), opened, progress, cancel)));
        List<CopyService.CopyOutcome> copies = noCopy ? List.of() : CliTask.run((progress, cancel) ->
                new CopyService(root.store()).copyToAll(entry.id(), copyTo, progress, cancel));
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(root.store().find(entry.id())));
        } else {
            boolean estimated = "estimated".equals(entry.rowCountMethod());
            // a table never analysed has no estimate: the total is unknown, not "null"
            String rows = entry.totalRows() != null ? entry.totalRows() + " rows" + (estimated ? " estimated" : "")
                    : "rows unknown" + (estimated ? ": some tables were never analysed (run ANALYZE, or count exactly)" : "");
            System.out.printf("Backup %s written: %s (%s, %d tables, %s) in %s%n", entry.id(),
                    root.store().fileOf(entry), Sizes.bytes(entry.sizeBytes()), entry.tableCount(), rows,
                    Sizes.seconds(entry.durationSeconds()));
            System.out.println("SHA-256 " + entry.hash());
            if (entry.globals() != null && entry.globals().warning() != null) {
                System.out.println("Note: roles and tablespaces were " + entry.globals().warning());
            }
        }
        int exit = 0;
        for (CopyService.CopyOutcome o : copies) {
            exit = Math.max(exit, json ? (o.failure() == null ? 0 : o.failure().code().exitCode()) : CopyCommand.print(o));
            if (json && o.failure() != null) {
                System.err.println("lifeboat: copy to " + o.destination() + " failed: " + o.failure().getMessage());
            }
        }
        return exit;
    }
}
