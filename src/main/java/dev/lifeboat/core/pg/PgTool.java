package dev.lifeboat.core.pg;

/** The PostgreSQL client programs Lifeboat runs. */
public enum PgTool {
    PG_DUMP("pg_dump"),
    PG_RESTORE("pg_restore"),
    PG_DUMPALL("pg_dumpall"),
    PSQL("psql");

    private final String command;

    PgTool(String command) {
        this.command = command;
    }

    public String command() {
        return command;
    }

    public String fileName() {
        return System.getProperty("os.name", "").toLowerCase().contains("win") ? command + ".exe" : command;
    }
}
