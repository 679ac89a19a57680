package dev.lifeboat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;

@Command(name = "manifest", description = "Repair the folder's manifest.", subcommands = ManifestCommand.RestoreBackup.class)
final class ManifestCommand {
    @ParentCommand
    LifeboatCli root;

    @Command(name = "restore-backup", description = "Replace a damaged manifest by its .bak copy (the damaged one is kept aside).")
    static final class RestoreBackup implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        ManifestCommand parent;

        @Override
        public Integer call() {
            Path aside = parent.root.store().restoreBackupCopy();
            System.out.println("The manifest was restored from its .bak copy; the damaged file is kept as " + aside);
            return 0;
        }
    }
}
