package dev.lifeboat.core.recovery;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The server sessions a killed Lifeboat left running: a statement a killed client sent runs to its
 * end (a CREATE DATABASE appears after the client died), and an orphaned pg_restore goes on
 * loading. Sessions carry "lifeboat PID" as their application_name, so they can be found and ended.
 */
final class DeadSessions {
    private static final Logger LOG = LoggerFactory.getLogger(DeadSessions.class);

    private DeadSessions() {
    }

    /** The application names ("lifeboat PID") of operations whose process is gone, by server. */
    static Map<String, Set<String>> byServer(Journal journal) {
        Map<String, Set<String>> byServer = new HashMap<>();
        for (List<JournalLine> lines : journal.operations().values()) {
            if (Journal.ended(lines) || Journal.alive(lines) || lines.get(0).pid() == null) {
                continue;
            }
            for (JournalLine l : lines) {
                if (l.server() != null) {
                    byServer.computeIfAbsent(l.server(), k -> new HashSet<>()).add("lifeboat " + lines.get(0).pid());
                }
            }
        }
        return byServer;
    }

    static void end(Journal journal, Function<String, ConnectionSpec> server) {
        for (var e : byServer(journal).entrySet()) {
            try (Connection c = Databases.maintenance(server.apply(e.getKey()))) {
                String[] names = e.getValue().toArray(String[]::new);
                long deadline = System.currentTimeMillis() + 30_000;
                while (System.currentTimeMillis() < deadline) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM "
                            + "pg_stat_activity WHERE application_name = ANY (?) AND pid <> pg_backend_pid()")) {
                        ps.setArray(1, c.createArrayOf("text", names));
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next() || rs.getLong(1) == 0) {
                                break;
                            }
                        }
                    }
                    Thread.sleep(100);
                }
            } catch (SQLException | LifeboatException ex) {
                LOG.warn("Could not end the sessions of interrupted operations on {}: {}", e.getKey(), ex.getMessage());
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Whether a killed process's session is still running a statement that names the database. */
    static boolean inFlight(Connection c, String database, Set<String> deadNames) throws SQLException {
        if (deadNames == null || deadNames.isEmpty()) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE application_name "
                + "= ANY (?) AND state = 'active' AND position(? in query) > 0")) {
            ps.setArray(1, c.createArrayOf("text", deadNames.toArray(String[]::new)));
            ps.setString(2, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }
}
