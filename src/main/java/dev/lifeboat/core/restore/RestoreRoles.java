package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.archive.ArchiveInspector;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.crypto.AgeFiles;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.Pg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The roles around a restore: the missing ones created from the saved globals, the per-database
 * role settings reapplied, and the created ones dropped again when the restore fails.
 */
final class RestoreRoles {
    /** Logged under RestoreService's name, as before this class was split from it. */
    private static final Logger LOG = LoggerFactory.getLogger(RestoreService.class);

    private final ManifestStore store;
    private final RestoreArchives archives;
    private final Path identity;

    RestoreRoles(ManifestStore store, RestoreArchives archives, Path identity) {
        this.store = store;
        this.archives = archives;
        this.identity = identity;
    }

    /**
     * Creates the missing roles from the saved globals, without passwords, with their memberships;
     * records them so that a failed restore drops them again.
     */
    void createRoles(Connection c, BackupEntry entry, List<String> roles, List<String> created)
            throws SQLException {
        if (roles.isEmpty() || entry.globals() == null || entry.globals().file() == null) {
            return;
        }
        Path stored = store.rolesFileOf(entry);
        Path readable = entry.globals().file().endsWith(".age") ? AgeFiles.decryptToTemporary("roles file of backup "
                + entry.effectiveId(), entry.isEncrypted() ? entry.encryption().recipients() : List.of(), stored, identity,
                CancelToken.none()) : stored;
        try (Statement st = c.createStatement()) {
            for (String sql : RolesFromGlobals.statements(readable, roles)) {
                LOG.info("Creating missing role: {}", sql);
                st.execute(sql);
                if (sql.startsWith("CREATE ROLE ")) {
                    created.add(RolesFromGlobals.unquote(sql.substring("CREATE ROLE ".length(), sql.length() - 1)));
                }
            }
            for (String sql : RolesFromGlobals.memberships(readable, created, DatabaseSettingsApplier.roles(c))) {
                LOG.info("Restoring a role membership: {}", sql);
                st.execute(sql);
            }
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the saved roles: " + e.getMessage(), e);
        } finally {
            if (!readable.equals(stored)) {
                AgeFiles.deleteQuietly(readable);
            }
        }
        if (!created.isEmpty()) {
            LOG.warn("Created the role(s) {} without passwords: set one before they log in.", String.join(", ", created));
        }
    }

    /**
     * The per-database role settings (ALTER ROLE … IN DATABASE), which pg_dump keeps in the archive
     * and pg_restore runs only with --create, for the restored database.
     */
    void applyRoleSettings(ConnectionSpec server, BackupEntry entry, String restored) {
        if (BackupFormat.fromLabel(entry.format()) != BackupFormat.CUSTOM) {
            return;
        }
        List<String> lines = ArchiveInspector.databaseRoleSettings(archives.archiveOf(entry, CancelToken.none()));
        if (lines.isEmpty()) {
            return;
        }
        try (Connection c = Databases.maintenance(server)) {
            apply(c, lines, restored);
        } catch (SQLException e) {
            LOG.warn("Could not reapply the role settings: {}", e.getMessage());
        }
    }

    /** As {@link #applyRoleSettings(ConnectionSpec, BackupEntry, String)}, on a maintenance connection already open. */
    void applyRoleSettings(Connection maintenance, BackupEntry entry, String restored) {
        if (BackupFormat.fromLabel(entry.format()) != BackupFormat.CUSTOM) {
            return;
        }
        List<String> lines = ArchiveInspector.databaseRoleSettings(archives.archiveOf(entry, CancelToken.none()));
        if (!lines.isEmpty()) {
            try {
                apply(maintenance, lines, restored);
            } catch (SQLException e) {
                LOG.warn("Could not reapply the role settings: {}", e.getMessage());
            }
        }
    }

    private static void apply(Connection c, List<String> lines, String restored) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String sql : RolesFromGlobals.forDatabase(lines, restored)) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    LOG.warn("Could not reapply a role setting ({}): {}", sql, e.getMessage());
                }
            }
        }
    }

    /** Drops the roles this restore created, after it failed: the message says nothing was changed. */
    static void dropCreatedRoles(ConnectionSpec server, List<String> created) {
        if (created.isEmpty()) {
            return;
        }
        try (Connection c = Databases.maintenance(server); Statement st = c.createStatement()) {
            for (String role : created) {
                try {
                    st.execute("DROP ROLE IF EXISTS " + Pg.ident(role));
                } catch (SQLException e) {
                    LOG.warn("Could not drop the role {} this restore created: {}", role, e.getMessage());
                }
            }
        } catch (SQLException e) {
            LOG.warn("Could not drop the roles this restore created ({}): {}", String.join(", ", created), e.getMessage());
        }
    }
}
