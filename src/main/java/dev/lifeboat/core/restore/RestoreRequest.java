package dev.lifeboat.core.restore;

import dev.lifeboat.core.pg.ConnectionSpec;

import java.util.List;

/**
 * What to restore where.
 *
 * @param target            the database to restore (its server, and its name)
 * @param mode              null: replace when the target exists, else new under the target's name
 * @param newName           the database name for mode NEW (default: the target's name)
 * @param tables            SCHEMA.TABLE names to restore alone (empty: everything)
 * @param schemas           schemas to restore alone (empty: everything)
 * @param jobs              parallel pg_restore jobs where the mode allows (0: one per core)
 * @param terminateSessions the user agrees that other sessions on the target are ended
 * @param confirmName       the target's name typed by the user (protected targets need it)
 * @param createMissingRoles create roles the archive needs from the roles saved at backup time
 */
public record RestoreRequest(String backupId, ConnectionSpec target, RestoreMode mode, String newName,
                             List<String> tables, List<String> schemas, boolean dataOnly, int jobs,
                             boolean terminateSessions, String confirmName, boolean createMissingRoles) {
    public RestoreRequest {
        tables = tables == null ? List.of() : List.copyOf(tables);
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
    }

    public static RestoreRequest of(String backupId, ConnectionSpec target, RestoreMode mode) {
        return new RestoreRequest(backupId, target, mode, null, List.of(), List.of(), false, 0, false, null, false);
    }

    public boolean selective() {
        return !tables.isEmpty() || !schemas.isEmpty();
    }

    public RestoreRequest withTerminateSessions(boolean value) {
        return new RestoreRequest(backupId, target, mode, newName, tables, schemas, dataOnly, jobs, value, confirmName,
                createMissingRoles);
    }

    public RestoreRequest withConfirmName(String value) {
        return new RestoreRequest(backupId, target, mode, newName, tables, schemas, dataOnly, jobs, terminateSessions,
                value, createMissingRoles);
    }
}
