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
 * @param noOwner           objects belong to the user who restores, not the archive's owners
 *                          (pgAdmin's "Do not save owner"): for a server without those roles
 * @param noPrivileges      leave the archive's grants out (pgAdmin's "Do not save privileges")
 */
public record RestoreRequest(String backupId, ConnectionSpec target, RestoreMode mode, String newName,
                             List<String> tables, List<String> schemas, boolean dataOnly, int jobs,
                             boolean terminateSessions, String confirmName, boolean createMissingRoles,
                             boolean noOwner, boolean noPrivileges) {
    public RestoreRequest {
        tables = tables == null ? List.of() : List.copyOf(tables);
        schemas = schemas == null ? List.of() : List.copyOf(schemas);
    }

    /** A request that keeps the archive's owners and grants. */
    public RestoreRequest(String backupId, ConnectionSpec target, RestoreMode mode, String newName,
                          List<String> tables, List<String> schemas, boolean dataOnly, int jobs,
                          boolean terminateSessions, String confirmName, boolean createMissingRoles) {
        this(backupId, target, mode, newName, tables, schemas, dataOnly, jobs, terminateSessions, confirmName,
                createMissingRoles, false, false);
    }

    public static RestoreRequest of(String backupId, ConnectionSpec target, RestoreMode mode) {
        return new RestoreRequest(backupId, target, mode, null, List.of(), List.of(), false, 0, false, null, false);
    }

    public boolean selective() {
        return !tables.isEmpty() || !schemas.isEmpty();
    }

    public RestoreRequest withTerminateSessions(boolean value) {
        return new RestoreRequest(backupId, target, mode, newName, tables, schemas, dataOnly, jobs, value, confirmName,
                createMissingRoles, noOwner, noPrivileges);
    }

    public RestoreRequest withTarget(ConnectionSpec value) {
        return new RestoreRequest(backupId, value, mode, newName, tables, schemas, dataOnly, jobs, terminateSessions,
                confirmName, createMissingRoles);
    }

    public RestoreRequest withConfirmName(String value) {
        return new RestoreRequest(backupId, target, mode, newName, tables, schemas, dataOnly, jobs, terminateSessions,
                value, createMissingRoles, noOwner, noPrivileges);
    }

    /** The same request without the archive's owners and/or grants. */
    public RestoreRequest withOwnership(boolean withoutOwner, boolean withoutPrivileges) {
        return new RestoreRequest(backupId, target, mode, newName, tables, schemas, dataOnly, jobs, terminateSessions,
                confirmName, createMissingRoles, withoutOwner, withoutPrivileges);
    }

    public RestoreRequest withTables(List<String> value) {
        return new RestoreRequest(backupId, target, mode, newName, value, schemas, dataOnly, jobs, terminateSessions,
                confirmName, createMissingRoles, noOwner, noPrivileges);
    }

    public RestoreRequest withSchemas(List<String> value) {
        return new RestoreRequest(backupId, target, mode, newName, tables, value, dataOnly, jobs, terminateSessions,
                confirmName, createMissingRoles, noOwner, noPrivileges);
    }

    public RestoreRequest withDataOnly(boolean value) {
        return new RestoreRequest(backupId, target, mode, newName, tables, schemas, value, jobs, terminateSessions,
                confirmName, createMissingRoles, noOwner, noPrivileges);
    }

    public RestoreRequest withCreateMissingRoles(boolean value) {
        return new RestoreRequest(backupId, target, mode, newName, tables, schemas, dataOnly, jobs, terminateSessions,
                confirmName, value, noOwner, noPrivileges);
    }
}
