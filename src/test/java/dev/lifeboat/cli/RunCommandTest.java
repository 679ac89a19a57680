package dev.lifeboat.cli;

import dev.lifeboat.core.pg.ConnectionSpec;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The CLI, not core, says the way back of a safe-run as its own command line. */
class RunCommandTest {
    @Test
    void theWayBackIsAReplaceRestoreOfTheBackupTakenFirst() {
        String cmd = RunCommand.restoreCommand(Path.of("/backups/my folder"), "ledger_20261202_220000",
                ConnectionSpec.of("db.example", 5433, "app", "ledger"));
        assertEquals("lifeboat --folder '/backups/my folder' restore ledger_20261202_220000 --to "
                + ConnectionSpec.of("db.example", 5433, "app", "ledger").toUri()
                + " --mode replace --terminate-sessions", cmd);
    }
}
