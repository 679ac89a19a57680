package dev.lifeboat.cli;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.manifest.BackupKeeping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.List;
import java.util.concurrent.Callable;

/** pin, unpin and delete: the core verbs the app's context menu uses too. */
final class KeepCommands {
    private KeepCommands() {
    }

    /** pin and unpin differ only in the flag they set and the word they print. */
    private abstract static class PinFlag implements Callable<Integer> {
        @ParentCommand
        LifeboatCli root;

        @Parameters(paramLabel = "ID", description = "The backup id, or 'latest'.")
        String id;

        private final boolean pinned;

        PinFlag(boolean pinned) {
            this.pinned = pinned;
        }

        @Override
        public Integer call() {
            String done = new BackupKeeping(root.store()).pin(id, pinned).effectiveId();
            System.out.println((pinned ? "Pinned " : "Unpinned ") + done + ".");
            return 0;
        }
    }

    @Command(name = "pin", description = "Pin a backup: retention never prunes it.")
    static final class Pin extends PinFlag {
        Pin() {
            super(true);
        }
    }

    @Command(name = "unpin", description = "Unpin a backup: retention may prune it again.")
    static final class Unpin extends PinFlag {
        Unpin() {
            super(false);
        }
    }

    @Command(name = "delete", description = "Delete backups: their files and manifest entries, together.")
    static final class Delete implements Callable<Integer> {
        @ParentCommand
        LifeboatCli root;

        @Parameters(paramLabel = "ID", arity = "1..*", description = "The backup ids.")
        List<String> ids;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Override
        public Integer call() {
            if (!OperationsCommands.confirm(yes, "Delete " + String.join(", ", ids) + " from " + root.store().folder()
                    + "? It cannot be undone.")) {
                System.err.println("lifeboat: not confirmed; nothing was deleted.");
                return ErrorCode.USAGE.exitCode();
            }
            new BackupKeeping(root.store()).delete(ids).forEach(d -> System.out.println("Deleted " + d + "."));
            return 0;
        }
    }
}
