package dev.lifeboat.core;

/**
 * What the person can do about a {@link LifeboatException}, a refused plan or a health finding, as
 * data: the CLI renders it as its flag, command or environment variable, the app as its button or
 * field. Core messages name neither (ArchitectureTest checks).
 */
public enum Remedy {
    NONE,
    /** Give the password: a prompt, PGPASSWORD or a ~/.pgpass line. */
    PROVIDE_PASSWORD,
    /** Point Lifeboat at the folder of the PostgreSQL client tools to use. */
    CHOOSE_TOOLS_FOLDER,
    /** Name the server a full verification restores its test copy on. */
    NAME_SCRATCH_SERVER,
    /** Put the manifest's previous version (.bak) back in place of the damaged one. */
    RESTORE_MANIFEST_COPY,
    /** Rebuild the catalog by adopting the backup files in the folder. */
    REBUILD_CATALOG,
    /** Agree that the restore ends the other sessions on the target. */
    TERMINATE_SESSIONS,
    /** Confirm a protected target by typing its exact name. */
    TYPE_CONFIRMATION,
    /** Give the new database another name. */
    CHOOSE_NEW_NAME,
    /** Let Lifeboat create the missing roles from the roles saved with the backup, or restore without owners. */
    CREATE_ROLES,
    /** Restore without owners and privileges. */
    NO_OWNER,
    /** Run a full verification of the database's latest backup. */
    RUN_VERIFY,
    /** Adopt backup files the catalog does not know. */
    RUN_IMPORT,
    /** Clean up what an interrupted operation left behind. */
    RUN_RECOVER,
    /** Delete the backups past the retention policy. */
    RUN_PRUNE,
    /** Take a backup. */
    TAKE_BACKUP,
    /** Look up the backups' ids. */
    LIST_BACKUPS,
    /** Look up the saved connections' names. */
    LIST_CONNECTIONS,
    /** Look up the schedules' names. */
    LIST_SCHEDULES,
    /** Look up the recorded operations' ids. */
    LIST_OPERATIONS,
    /** Start the scheduled run from a scheduler of the person's own. */
    RUN_FROM_OWN_SCHEDULER
}
