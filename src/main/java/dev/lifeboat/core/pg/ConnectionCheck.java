package dev.lifeboat.core.pg;

import dev.lifeboat.core.LifeboatException;

import java.sql.Connection;
import java.sql.SQLException;

/** What Settings' Test button reports: can we connect, which server, and is a suitable pg_dump installed. */
public record ConnectionCheck(boolean connected, String serverVersion, String pgDump, String problem) {
    public static ConnectionCheck run(ConnectionSpec spec, PgToolLocator tools) {
        ServerInfo info;
        try (Connection c = Pg.connect(spec)) {
            info = Pg.serverInfo(c);
        } catch (LifeboatException e) {
            return new ConnectionCheck(false, null, null, e.getMessage());
        } catch (SQLException e) {
            return new ConnectionCheck(false, null, null, e.getMessage());
        }
        try {
            ToolInstallation dump = tools.require(PgTool.PG_DUMP, info.majorKey());
            return new ConnectionCheck(true, info.version(), dump.describe(), null);
        } catch (LifeboatException e) {
            return new ConnectionCheck(true, info.version(), null, e.getMessage());
        }
    }

    public String summary() {
        if (!connected) {
            return "\u2716 " + problem;
        }
        return "\u2714 PostgreSQL " + serverVersion + (pgDump != null ? "; will use " + pgDump : "; \u2716 " + problem);
    }
}
