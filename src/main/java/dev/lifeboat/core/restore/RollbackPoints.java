package dev.lifeboat.core.restore;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.operations.OperationRecord;
import dev.lifeboat.core.operations.OperationsLog;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.Pg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.function.UnaryOperator;

/**
 * The renames of a replace: the swap that puts the restored copy in place and keeps the old target
 * as a rollback point, then the rollback to that point or its discard.
 */
final class RollbackPoints {
    /** Logged under RestoreService's name, as before this class was split from it. */
    private static final Logger LOG = LoggerFactory.getLogger(RestoreService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss");

    private final OperationsLog operations;
    private final UnaryOperator<ConnectionSpec> credentials;

    RollbackPoints(OperationsLog operations, UnaryOperator<ConnectionSpec> credentials) {
        this.operations = operations;
        this.credentials = credentials;
    }

    /**
     * The one short step that changes the target: block new connections, end sessions, and rename
     * both databases in one transaction. On failure the target keeps its name and accepts connections.
     */
    static void swap(ConnectionSpec server, String target, String working, String rollback) {
        try (Connection c = Databases.maintenance(server)) {
            try (Statement st = c.createStatement()) {
                st.execute("ALTER DATABASE " + Pg.ident(target) + " ALLOW_CONNECTIONS false");
            }
            try {
                Databases.terminateSessions(c, target);
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("ALTER DATABASE " + Pg.ident(target) + " RENAME TO " + Pg.ident(rollback));
                    st.execute("ALTER DATABASE " + Pg.ident(working) + " RENAME TO " + Pg.ident(target));
                }
                c.commit();
                LOG.info("Swapped: {} is now {}, the restored copy is {}", target, rollback, target);
            } catch (SQLException e) {
                c.rollback();
                c.setAutoCommit(true);
                try (Statement st = c.createStatement()) {
                    st.execute("ALTER DATABASE " + Pg.ident(target) + " ALLOW_CONNECTIONS true");
                }
                throw e;
            }
        } catch (SQLException e) {
            Databases.dropQuietly(server, working);
            throw Pg.failure(ErrorCode.RESTORE_FAILED, "Swapping in the restored database failed; " + target
                    + " is unchanged", e);
        }
    }

    OperationRecord rollback(String operationId) {
        OperationRecord op = liveRollbackPoint(operationId);
        ConnectionSpec server = credentials.apply(ConnectionSpec.parse(op.server()));
        String target = op.target();
        String stamp = LocalDateTime.now().format(STAMP);
        String undone = DatabaseNames.derived(target, "rolledback_" + stamp);
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = Databases.maintenance(server)) {
            if (!Databases.exists(c, op.rollbackDatabase())) {
                throw new LifeboatException(ErrorCode.RESTORE_FAILED, "The rollback point " + op.rollbackDatabase()
                        + " no longer exists on " + server.host() + ".");
            }
            swapBack(c, target, op.rollbackDatabase(), undone);
        } catch (SQLException e) {
            throw Pg.failure(ErrorCode.RESTORE_FAILED, "The rollback failed; " + target + " is unchanged", e);
        }
        OperationRecord rec = new OperationRecord(OperationRecord.newId(),
                OperationRecord.ROLLBACK, op.backupId(), op.server(), target, op.mode(), started.toString(),
                OffsetDateTime.now().toString(), OperationRecord.SUCCEEDED, "Rolled back " + operationId + ": "
                + op.rollbackDatabase() + " is " + target + " again; the restored copy is kept as " + undone,
                undone, null, operationId, null, null, null);
        operations.append(rec);
        return rec;
    }

    private static void swapBack(Connection c, String target, String rollbackDb, String undone) throws SQLException {
        boolean targetExists = Databases.exists(c, target);
        try (Statement st = c.createStatement()) {
            if (targetExists) {
                st.execute("ALTER DATABASE " + Pg.ident(target) + " ALLOW_CONNECTIONS false");
                Databases.terminateSessions(c, target);
            }
            c.setAutoCommit(false);
            if (targetExists) {
                st.execute("ALTER DATABASE " + Pg.ident(target) + " RENAME TO " + Pg.ident(undone));
            }
            st.execute("ALTER DATABASE " + Pg.ident(rollbackDb) + " RENAME TO " + Pg.ident(target));
            c.commit();
            c.setAutoCommit(true);
            st.execute("ALTER DATABASE " + Pg.ident(target) + " ALLOW_CONNECTIONS true");
        } catch (SQLException e) {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            if (targetExists) {
                try (Statement st = c.createStatement()) {
                    st.execute("ALTER DATABASE " + Pg.ident(target) + " ALLOW_CONNECTIONS true");
                }
            }
            throw e;
        }
    }

    OperationRecord discard(String operationId) {
        OperationRecord op = liveRollbackPoint(operationId);
        ConnectionSpec server = credentials.apply(ConnectionSpec.parse(op.server()));
        OffsetDateTime started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = Databases.maintenance(server)) {
            Databases.drop(c, op.rollbackDatabase());
        } catch (SQLException e) {
            throw Pg.failure(ErrorCode.RESTORE_FAILED, "Dropping " + op.rollbackDatabase() + " failed", e);
        }
        OperationRecord rec = new OperationRecord(OperationRecord.newId(), OperationRecord.DISCARD, op.backupId(), op.server(),
                op.target(), op.mode(), started.toString(), OffsetDateTime.now().toString(), OperationRecord.SUCCEEDED,
                "Dropped " + op.rollbackDatabase(), op.rollbackDatabase(), null, operationId, null, null, null);
        operations.append(rec);
        return rec;
    }

    private OperationRecord liveRollbackPoint(String operationId) {
        OperationRecord op = operations.find(operationId).orElseThrow(() -> new LifeboatException(ErrorCode.USAGE,
                "No operation " + operationId + " in " + operations.file() + ". The operations history lists them.",
                Remedy.LIST_OPERATIONS, null));
        if (op.rollbackDatabase() == null || !OperationRecord.SUCCEEDED.equals(op.outcome())
                || OperationRecord.DISCARD.equals(op.kind())) {
            throw new LifeboatException(ErrorCode.USAGE, "Operation " + operationId + " has no rollback point"
                    + (op.safetyBackupId() != null ? "; it took the safety backup " + op.safetyBackupId()
                    + ": restore that backup to go back." : "."));
        }
        if (!operations.rollbackPointLive(operationId)) {
            throw new LifeboatException(ErrorCode.USAGE, "The rollback point of " + operationId
                    + " was already used or discarded.");
        }
        return op;
    }
}
