package dev.lifeboat.core.restore;

import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A restore's connection to the target server's maintenance database: the one its caller already
 * holds (the CLI's password check, opened while the command line was read), which stays the caller's
 * to close, else one of its own, opened when first needed and closed with this. The plan's checks,
 * {@code CREATE DATABASE} and the database's settings then share one connection instead of three.
 */
final class MaintenanceConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceConnection.class);

    private final ConnectionSpec server;
    private final Connection given;
    private Connection own;

    /** @param given an open connection to {@code server}'s maintenance database as its user, or null */
    MaintenanceConnection(ConnectionSpec server, Connection given) {
        this.server = server;
        this.given = given;
    }

    /** The connection the caller gave, or null. */
    Connection given() {
        return given;
    }

    /** The connection; a given one that was closed meanwhile is replaced by one of this restore's own. */
    Connection get() {
        if (given != null && !isClosed(given)) {
            return given;
        }
        if (own == null) {
            own = Databases.maintenance(server);
        }
        return own;
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    @Override
    public void close() {
        if (own != null) {
            try {
                own.close();
            } catch (SQLException e) {
                LOG.debug("Closing the maintenance connection: {}", e.getMessage());
            }
            own = null;
        }
    }
}
