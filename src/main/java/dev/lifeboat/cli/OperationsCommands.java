package dev.lifeboat.cli;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.restore.RestoreService;
import dev.lifeboat.core.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.Console;
import java.util.List;
import java.util.concurrent.Callable;

/** rollback, discard and history: the operations log and its rollback points. */
final class OperationsCommands {
    private OperationsCommands() {
    }

    static RestoreService service(LifeboatCli root) {
        return new RestoreService(root.store(), root.tools(), root.settings()::isProtected, ConnectionOptions::ready);
    }

    static OperationRecord find(RestoreService s, String id) {
        return s.operations().find(id).orElseThrow(() -> new LifeboatException(ErrorCode.USAGE,
                "No operation " + id + ". 'lifeboat history' lists them."));
    }

    static boolean confirm(boolean yes, String question) {
        if (yes) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            throw new LifeboatException(ErrorCode.USAGE, "No terminal to confirm on: add --yes.");
        }
        String answer = console.readLine("%s [y/N] ", question);
        return answer != null && answer.strip().equalsIgnoreCase("y");
    }

    /** A command on one operation's rollback point: look it up, confirm, act, say what happened. */
    abstract static class RollbackPointCommand implements Callable<Integer> {
        @ParentCommand
        LifeboatCli root;

        @Parameters(index = "0", paramLabel = "OPERATION_ID")
        String id;

        @Option(names = "--yes", description = "Do not ask.")
        boolean yes;

        abstract String question(OperationRecord op);

        abstract OperationRecord act(RestoreService service, String operationId);

        @Override
        public Integer call() {
            RestoreService s = service(root);
            OperationRecord op = find(s, id);
            if (!confirm(yes, question(op))) {
                return ErrorCode.RESTORE_REFUSED.exitCode();
            }
            System.out.println(act(s, id).message());
            return 0;
        }
    }

    @Command(name = "rollback", description = "Swap the database kept before a replace back into place.")
    static final class Rollback extends RollbackPointCommand {
        @Override
        String question(OperationRecord op) {
            return "Put " + op.rollbackDatabase() + " back as " + op.target() + "?";
        }

        @Override
        OperationRecord act(RestoreService service, String operationId) {
            return service.rollback(operationId);
        }
    }

    @Command(name = "discard", description = "Drop a rollback point kept by a restore or rollback.")
    static final class Discard extends RollbackPointCommand {
        @Override
        String question(OperationRecord op) {
            return "Drop database " + op.rollbackDatabase() + " for good?";
        }

        @Override
        OperationRecord act(RestoreService service, String operationId) {
            return service.discard(operationId);
        }
    }

    @Command(name = "history", description = "Restores, rollbacks and discards, newest first.")
    static final class History implements Callable<Integer> {
        @ParentCommand
        LifeboatCli root;

        @Option(names = "--json", description = "Print the records as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            RestoreService s = service(root);
            List<OperationRecord> all = s.history();
            if (json) {
                System.out.println(Json.MAPPER.writeValueAsString(all));
                return 0;
            }
            for (OperationRecord r : all) {
                boolean live = r.rollbackDatabase() != null && OperationRecord.SUCCEEDED.equals(r.outcome())
                        && !OperationRecord.DISCARD.equals(r.kind()) && s.operations().rollbackPointLive(r.id());
                System.out.printf("%-28s %-9s %-9s %-20s %-24s %s%s%n", r.id(), r.kind(), r.outcome(),
                        r.started().replace('T', ' ').substring(0, Math.min(19, r.started().length())),
                        r.target(), r.message().lines().findFirst().orElse(""),
                        live ? "  [rollback point: " + r.rollbackDatabase() + "]" : "");
            }
            return 0;
        }
    }
}
