package dev.lifeboat.core.verify;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.manifest.CheckResult;
import dev.lifeboat.core.manifest.CheckStatus;
import dev.lifeboat.core.pg.ProcessRunner;

/** When a verification could not run: what says so, and the check line it becomes (never a failure). */
final class NotRun {
    private NotRun() {
    }

    /** A check that could not be made; the reason says what to fix (the server, the tools), not the backup. */
    static CheckResult check(String name, String reason) {
        return new CheckResult(name, CheckStatus.NOT_RUN, null, "could not run", reason);
    }

    /** Failures of the machinery around a check (server, password, tools), never of the archive. */
    static boolean machinery(ErrorCode code) {
        return switch (code) {
            case CONNECTION_FAILED, AUTHENTICATION_FAILED, PERMISSION_DENIED, DATABASE_NOT_FOUND, TOOL_MISSING,
                 TOOL_TOO_OLD, INTERNAL, IO_ERROR, DISK_FULL -> true;
            default -> false;
        };
    }

    /** Why a pg_restore run says nothing about the archive (killed, or its server went away), else null. */
    static String interruption(ProcessRunner.Result r) {
        if (r.ok()) {
            return null;
        }
        if (r.killed()) {
            return "pg_restore was killed (exit code " + r.exitCode() + ") before it finished; the archive was "
                    + "not judged. Run the verification again.";
        }
        String summary = r.summary();
        if (summary.contains("connection to server") || summary.contains("could not connect")
                || summary.contains("password authentication failed") || summary.contains("server closed the connection")) {
            return "pg_restore could not use the scratch server: " + summary;
        }
        return null;
    }
}
