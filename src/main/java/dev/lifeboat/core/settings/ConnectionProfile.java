package dev.lifeboat.core.settings;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.lifeboat.core.pg.ConnectionSpec;

import java.util.Map;

/**
 * A saved connection. It holds no password: that comes from PGPASSWORD, ~/.pgpass or a prompt.
 * A protected connection (production) needs its database name typed to restore into it.
 */
public record ConnectionProfile(String name, String host, int port, String database, String user,
                                @JsonProperty("protected") boolean isProtected, String sslmode) {
    public ConnectionSpec toSpec() {
        return new ConnectionSpec(host, port, database, user, null,
                sslmode == null || sslmode.isBlank() ? Map.of() : Map.of("sslmode", sslmode));
    }

    public static ConnectionProfile from(String name, ConnectionSpec spec, boolean isProtected) {
        return new ConnectionProfile(name, spec.host(), spec.port(), spec.database(), spec.user(), isProtected,
                spec.options().get("sslmode"));
    }
}
