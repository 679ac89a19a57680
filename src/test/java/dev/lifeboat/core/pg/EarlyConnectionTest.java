package dev.lifeboat.core.pg;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.pg.CredentialProvider.PasswordAnswer;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The connection a backup opens while its command line is read: the password check takes it when it
 * is for the same target, counts its refusal as the first attempt, and closes one for another target.
 * Against the server that asks for a password on every TCP connection.
 */
@ExtendWith(PgExtension.class)
class EarlyConnectionTest {
    private static final String PASSWORD = "early-S3cret";

    private String role;
    private ConnectionSpec spec;

    @BeforeEach
    void role(TestServer server) {
        role = "lb_early_" + UUID.randomUUID().toString().substring(0, 8);
        TestServer.execute(server.admin(), "CREATE ROLE " + role + " LOGIN PASSWORD " + Pg.literal(PASSWORD));
        spec = new ConnectionSpec(server.admin().host(), server.admin().port(), "postgres", role, PASSWORD,
                server.admin().options());
    }

    @AfterEach
    void dropRole(TestServer server) throws Exception {
        EarlyConnection.take(spec.withDatabase("no_such_" + role)); // nothing left pending for other tests
        waitForSessions(server, 0);
        TestServer.execute(server.admin(), "DROP ROLE IF EXISTS " + role);
    }

    @Test
    void anEarlyConnectionNoCommandTookIsClosedBeforeTheProcessEnds(TestServer server) throws Exception {
        EarlyConnection.start(() -> spec);
        waitForSessions(server, 1);
        EarlyConnection.closeUnused(); // as Main does after a command that failed before its password check
        assertFalse(EarlyConnection.pending());
        waitForSessions(server, 0);
    }

    @Test
    void thePasswordCheckHandsOnTheConnectionOpenedEarlyForTheSameTarget(TestServer server) throws Exception {
        EarlyConnection.start(() -> spec);
        waitForSessions(server, 1);
        long early = TestServer.queryLong(server.admin(), "SELECT pid FROM pg_stat_activity WHERE usename = '" + role + "'");
        long handed = Credentials.none().withConnection(spec, (ready, c) -> backendPid(c));
        assertEquals(early, handed, "the early session, not a second one");
        assertFalse(EarlyConnection.pending());
        waitForSessions(server, 0); // closed after the action, as any checked connection
    }

    @Test
    void anEarlyConnectionToAnotherDatabaseIsClosedAndAFreshOneUsed(TestServer server) throws Exception {
        ConnectionSpec other = server.createDatabase("early");
        EarlyConnection.start(() -> spec.withDatabase(other.database()));
        String database = Credentials.none().withConnection(spec, (ready, c) -> query(c, "SELECT current_database()"));
        assertEquals("postgres", database);
        waitForSessions(server, 0);
    }

    @Test
    void anEarlyRefusalIsTheFirstAttemptAndThePasswordIsAskedOnce(TestServer server) {
        ConnectionSpec wrong = spec.withPassword("not-the-password");
        EarlyConnection.start(() -> wrong);
        List<CredentialProvider.PasswordRequest> asked = new ArrayList<>();
        CredentialProvider provider = request -> {
            asked.add(request);
            return Optional.of(new PasswordAnswer(PASSWORD, false, false));
        };
        String who = new Credentials(provider, null).withConnection(wrong, (ready, c) -> query(c, "SELECT current_user"));
        assertEquals(role, who);
        assertEquals(1, asked.size());
        assertTrue(asked.get(0).previousRefused(), "the early attempt's refusal is the one reported");
    }

    @Test
    void aTargetThatCannotBeWorkedOutLeavesNothingToTake() {
        EarlyConnection.start(() -> {
            throw new dev.lifeboat.core.LifeboatException(ErrorCode.USAGE, "no such saved connection");
        });
        assertEquals(Optional.empty(), EarlyConnection.take(spec));
    }

    private void waitForSessions(TestServer server, long expected) throws InterruptedException {
        long n = -1;
        for (int i = 0; i < 100 && n != expected; i++) {
            n = TestServer.queryLong(server.admin(), "SELECT count(*) FROM pg_stat_activity WHERE usename = '" + role + "'");
            if (n != expected) {
                Thread.sleep(50);
            }
        }
        assertEquals(expected, n, "sessions of " + role);
    }

    private static long backendPid(Connection c) {
        return Long.parseLong(query(c, "SELECT pg_backend_pid()"));
    }

    private static String query(Connection c, String sql) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
