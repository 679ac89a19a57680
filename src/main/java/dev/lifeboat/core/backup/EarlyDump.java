package dev.lifeboat.core.backup;

import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.ProcessRunner;
import dev.lifeboat.core.pg.StartedProcess;
import dev.lifeboat.core.pg.ServerInfo;
import dev.lifeboat.core.pg.ToolInstallation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A backup's pg_dump -Fc started on the early connection's thread, in that connection's exported
 * snapshot, while the main thread still reads the command line, the settings and the password
 * check: a cold JVM spends 0.2-0.4 s there, and pg_dump spends it on its catalog queries instead.
 * Its archive waits in the pipe until {@link BackupService} takes it (with the connection), claims
 * the file and reads it; nothing is written to disk before that, so a kill leaves nothing behind
 * (pg_dump ends at its first write to a closed pipe). A run that does not take it kills it.
 */
public final class EarlyDump {
    private static final Logger LOG = LoggerFactory.getLogger(BackupService.class);
    private static final AtomicReference<EarlyDump> PENDING = new AtomicReference<>();

    private final Connection connection;
    private final ServerInfo server;
    private final ToolInstallation pgDump;
    private final String snapshot;
    private final StartedProcess process;

    private EarlyDump(Connection connection, ServerInfo server, ToolInstallation pgDump, String snapshot,
                      StartedProcess process) {
        this.connection = connection;
        this.server = server;
        this.pgDump = pgDump;
        this.snapshot = snapshot;
        this.process = process;
    }

    /**
     * On a fresh connection for {@code spec}: reads the server, opens the snapshot's transaction and
     * starts pg_dump in it. Anything that goes wrong leaves the connection as it was (rolled back) and
     * no dump: the backup then does the same steps itself and reports what failed. Returns what kills
     * the dump if the connection is closed unused.
     */
    public static Runnable start(Connection c, ConnectionSpec spec, PgToolLocator tools) {
        try {
            ServerInfo server = Pg.serverInfo(c, false); // the size is read beside the dump (SnapshotReads)
            ToolInstallation pgDump = tools.require(PgTool.PG_DUMP, server.majorKey());
            BackupService.beginSnapshotTransaction(c);
            String snapshot = SnapshotReads.exportSnapshot(c);
            // stdout piped (the handler that reads it is given when the backup takes the dump)
            StartedProcess started = ProcessRunner.start(DumpWriter.invocation(pgDump, spec, snapshot)
                    .stdout(in -> { }));
            EarlyDump early = new EarlyDump(c, server, pgDump, snapshot, started);
            Optional.ofNullable(PENDING.getAndSet(early)).ifPresent(EarlyDump::discard);
            return () -> {
                if (PENDING.compareAndSet(early, null)) {
                    early.discard();
                }
            };
        } catch (SQLException | RuntimeException e) {
            LOG.debug("pg_dump was not started early: {}", e.getMessage());
            try {
                c.rollback();
                c.setAutoCommit(true);
            } catch (SQLException ignored) {
                // the backup finds the connection broken and says so
            }
            return () -> { };
        }
    }

    /** The dump started on this connection, for the backup to take; empty when there is none. */
    static Optional<EarlyDump> take(Connection c) {
        EarlyDump early = PENDING.get();
        if (early == null || early.connection != c || !PENDING.compareAndSet(early, null)) {
            return Optional.empty();
        }
        return Optional.of(early);
    }

    /** Kills a dump no backup took (the command failed or was another one). */
    public static void discardUnused() {
        Optional.ofNullable(PENDING.getAndSet(null)).ifPresent(EarlyDump::discard);
    }

    /** For tests: whether a dump is waiting to be taken. */
    static boolean pending() {
        return PENDING.get() != null;
    }

    void discard() {
        process.discard();
    }

    ServerInfo server() {
        return server;
    }

    ToolInstallation pgDump() {
        return pgDump;
    }

    String snapshot() {
        return snapshot;
    }

    StartedProcess process() {
        return process;
    }
}
