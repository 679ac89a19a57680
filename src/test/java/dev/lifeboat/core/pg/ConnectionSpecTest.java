package dev.lifeboat.core.pg;

import dev.lifeboat.core.LifeboatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConnectionSpecTest {
    @Test
    void parsesAUriWithEveryPart() {
        ConnectionSpec s = ConnectionSpec.parse("postgresql://alice:s3cr%40t@db.example.com:6543/led%20ger?sslmode=require");
        assertEquals("db.example.com", s.host());
        assertEquals(6543, s.port());
        assertEquals("led ger", s.database());
        assertEquals("alice", s.user());
        assertEquals(Optional.of("s3cr@t"), s.password());
        assertEquals("require", s.options().get("sslmode"));
    }

    @Test
    void parsesConninfoWithQuotedValues() {
        ConnectionSpec s = ConnectionSpec.parse("host=db1 port=5433 dbname='my db' user=bob password='it\\'s'");
        assertEquals("db1", s.host());
        assertEquals(5433, s.port());
        assertEquals("my db", s.database());
        assertEquals("bob", s.user());
        assertEquals(Optional.of("it's"), s.password());
    }

    @Test
    void conninfoForChildrenAndDisplayNeverCarryThePassword() {
        ConnectionSpec s = ConnectionSpec.parse("postgresql://alice:hunter2@h:5432/d");
        assertFalse(s.toConninfo().contains("hunter2"));
        assertFalse(s.display().contains("hunter2"));
        assertFalse(s.toString().contains("hunter2"));
        assertEquals("host='h' port='5432' dbname='d' user='alice'", s.toConninfo());
    }

    @Test
    void uriRoundTripsWithoutThePassword() {
        ConnectionSpec s = ConnectionSpec.parse("postgresql://al%20ice:pw@db1:6000/my%20db?sslmode=require");
        assertEquals("postgresql://al%20ice@db1:6000/my%20db?sslmode=require", s.toUri());
        ConnectionSpec back = ConnectionSpec.parse(s.toUri());
        assertEquals("al ice", back.user());
        assertEquals("my db", back.database());
        assertEquals(Optional.empty(), back.password());
    }

    @Test
    void rejectsTextThatIsNoConnectionWithAHint() {
        LifeboatException e = assertThrows(LifeboatException.class, () -> ConnectionSpec.parse("just-a-name"));
        assertEquals(true, e.getMessage().contains("postgresql://"));
    }

    @Test
    void pgpassMatchesWildcardsAndEscapes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pgpass");
        Files.writeString(file, "# comment\nother:5432:*:bob:nope\nh:5432:*:bob:pa\\:ss\n*:*:*:*:fallback\n");
        assertEquals(Optional.of("pa:ss"), PgPass.at(file).find("h", 5432, "any", "bob"));
        assertEquals(Optional.of("fallback"), PgPass.at(file).find("x", 1, "y", "z"));
    }

    @Test
    void toolVersionsCompareAcrossTheTenBoundary() {
        assertEquals(1500, PgVersions.parseToolVersion("pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)").majorKey());
        assertEquals(906, PgVersions.parseToolVersion("pg_dump (PostgreSQL) 9.6.24").majorKey());
        assertEquals("9.6", PgVersions.label(906));
        assertEquals("17", PgVersions.label(1700));
    }
}
