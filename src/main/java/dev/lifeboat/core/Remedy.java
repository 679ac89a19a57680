package dev.lifeboat.core;

/**
 * What the person can do about a {@link LifeboatException}, as data: the CLI renders it as its flag
 * or environment variable, the app as its button or field. Core messages name neither.
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
    /** Find and clean what interrupted operations left (the app's "Recover after a crash…", the CLI's recover). */
    RUN_RECOVER
}
