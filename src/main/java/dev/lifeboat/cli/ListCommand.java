package dev.lifeboat.cli;

import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.manifest.VerificationRecord;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.Sizes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "list", description = "List the backups in the folder, newest first.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    LifeboatCli root;

    @Option(names = "--json", description = "Print the manifest's entries as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Manifest m = root.store().load();
        List<BackupEntry> entries = m.newestFirst();
        if (json) {
            System.out.println(Json.MAPPER.writeValueAsString(entries));
            return 0;
        }
        if (entries.isEmpty()) {
            System.out.println("No backups in " + root.store().folder() + " yet.");
            return 0;
        }
        String fmt = "%-34s %-19s %-16s %10s %7s %12s  %-8s %s%n";
        System.out.printf(fmt, "ID", "CREATED", "DATABASE", "SIZE", "TABLES", "ROWS", "VERIFIED", "DESCRIPTION");
        for (BackupEntry e : entries) {
            VerificationRecord v = e.lastVerification();
            System.out.printf(fmt, e.effectiveId(), e.createdAt().toLocalDateTime().toString().replace('T', ' '),
                    e.database() == null ? "" : e.database(),
                    e.sizeBytes() == null ? (e.sizeMb() == null ? "" : e.sizeMb() + " MB") : Sizes.bytes(e.sizeBytes()),
                    e.tableCount() == null ? "" : e.tableCount(), e.totalRows() == null ? "" : e.totalRows(),
                    v == null ? "never" : v.outcome().json(), e.description() == null ? "" : e.description());
        }
        return 0;
    }
}
