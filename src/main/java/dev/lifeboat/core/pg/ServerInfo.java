package dev.lifeboat.core.pg;

/** What a server says about itself and the connected user. */
public record ServerInfo(int versionNum, String version, long databaseSize, String database,
                         String user, boolean canCreateDatabases, boolean superuser) {
    /** The major version as a comparable number: 1500 for 15.x, 906 for 9.6.x. */
    public int majorKey() {
        return versionNum / 100;
    }

    public String majorLabel() {
        return PgVersions.label(majorKey());
    }
}
