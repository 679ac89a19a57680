package dev.lifeboat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;

@Command(name = "manifest", description = "Repair or compact the folder's manifest.",
        subcommands = {ManifestCommand.RestoreBackup.class, ManifestCommand.Compact.class})
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

    @Command(name = "compact", description = "Fold the journal of recent changes into backup_manifest.json now, so that "
            + "a script reading that file alone sees every backup.")
    static final class Compact implements java.util.concurrent.Callable<Integer> {
        @ParentCommand
        ManifestCommand parent;

        @Override
        public Integer call() {
            parent.root.store().compact();
            System.out.println("backup_manifest.json now holds every backup in " + parent.root.store().folder() + ".");
            return 0;
        }
    }
}
