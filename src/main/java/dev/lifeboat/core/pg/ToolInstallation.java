package dev.lifeboat.core.pg;

import java.nio.file.Path;

/** One PostgreSQL client program found on this machine, with the version it reports. */
public record ToolInstallation(PgTool tool, Path path, int majorKey, String version) {
    public String majorLabel() {
        return PgVersions.label(majorKey);
    }

    public String describe() {
        return tool.command() + " " + version + " (" + path + ")";
    }
}
