package dev.lifeboat.core.pg;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.pg.CredentialProvider.PasswordAnswer;
import dev.lifeboat.core.pg.CredentialProvider.PasswordRequest;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The one password flow, against a server that asks for a password on every TCP connection. */
@ExtendWith(PgExtension.class)
class CredentialsTest {
    /** A password with the characters ~/.pgpass must escape. */
    private static final String PASSWORD = "pa:ss\\word";

    @TempDir
    Path home;

    private String role;
    private ConnectionSpec noPassword;

    /** Answers from a script and records what was asked. */
    private static final class Scripted implements CredentialProvider {
        final Deque<PasswordAnswer> answers = new ArrayDeque<>();
        final List<PasswordRequest> asked = new ArrayList<>();

        @Override
        public Optional<PasswordAnswer> ask(PasswordRequest request) {
            asked.add(request);
            return Optional.ofNullable(answers.poll());
        }
    }

    @BeforeEach
    void role(TestServer server) {
        assumeTrue(System.getenv("PGPASSWORD") == null, "PGPASSWORD would answer before the provider");
        // A role of its own: what one test remembers cannot make another test's connection succeed.
        role = "lb_pw_" + UUID.randomUUID().toString().substring(0, 8);
        TestServer.execute(server.admin(), "CREATE ROLE " + role + " LOGIN PASSWORD " + Pg.literal(PASSWORD));
        noPassword = new ConnectionSpec(server.admin().host(), server.admin().port(), "postgres", role, null,
                server.admin().options());
    }

    @AfterEach
    void dropRole(TestServer server) {
        SessionPasswords.clear();
        TestServer.execute(server.admin(), "DROP ROLE IF EXISTS " + role);
    }

    private Credentials credentials(Scripted provider) {
        return new Credentials(provider, PgPass.at(home.resolve(".pgpass")));
    }

    @Test
    void asksOnceWhenTheServerWantsAPasswordThatIsNotKnownAndNamesWhoAndWhere() {
        Scripted provider = new Scripted();
        provider.answers.add(new PasswordAnswer(PASSWORD, false, false));
        ConnectionSpec ready = credentials(provider).ensure(noPassword);
        assertEquals(Optional.of(PASSWORD), ready.password());
        assertEquals(1, provider.asked.size());
        PasswordRequest r = provider.asked.get(0);
        assertEquals(role, r.user());
        assertEquals(noPassword.host(), r.host());
        assertEquals(noPassword.port(), r.port());
        assertEquals("postgres", r.database());
        assertFalse(r.previousRefused());
        assertTrue(SessionPasswords.find(noPassword.host(), noPassword.port(), role).isEmpty(),
                "not remembered unless asked to");
    }

    @Test
    void aWrongPasswordAsksAgainAndSaysItWasWrong() {
        Scripted provider = new Scripted();
        provider.answers.add(new PasswordAnswer("wrong", false, false));
        provider.answers.add(new PasswordAnswer(PASSWORD, false, false));
        ConnectionSpec ready = credentials(provider).ensure(noPassword);
        assertEquals(Optional.of(PASSWORD), ready.password());
        assertEquals(2, provider.asked.size());
        assertFalse(provider.asked.get(0).previousRefused());
        assertTrue(provider.asked.get(1).previousRefused(), "the second prompt says the first password was wrong");
    }

    @Test
    void rememberForSessionAvoidsASecondPromptAndStaysInMemoryOnly() {
        Scripted provider = new Scripted();
        provider.answers.add(new PasswordAnswer(PASSWORD, true, false));
        Credentials credentials = credentials(provider);
        credentials.ensure(noPassword);
        credentials.ensure(noPassword.withDatabase("template1"));
        assertEquals(1, provider.asked.size(), "the second operation on the same server did not ask");
        assertFalse(Files.exists(home.resolve(".pgpass")), "remembering writes no file");
    }

    @Test
    void declinedPromptIsAnAuthenticationErrorWithTheProvidePasswordRemedy() {
        LifeboatException e = assertThrows(LifeboatException.class, () -> credentials(new Scripted()).ensure(noPassword));
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, e.code());
        assertEquals(Remedy.PROVIDE_PASSWORD, e.remedy());
        assertFalse(e.getMessage().contains("-W") || e.getMessage().contains("PGPASSWORD"),
                "core names no flag or variable: " + e.getMessage());
    }

    @Test
    void saveInPgPassWritesAnOwnerOnlyFileThatLibpqReadsBack() throws Exception {
        Scripted provider = new Scripted();
        provider.answers.add(new PasswordAnswer(PASSWORD, false, true));
        credentials(provider).ensure(noPassword);
        Path file = home.resolve(".pgpass");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(List.of(noPassword.host() + ":" + noPassword.port() + ":*:" + role + ":pa\\:ss\\\\word"),
                Files.readAllLines(file));
        assertEquals(Optional.of(PASSWORD), PgPass.at(file).find(noPassword.host(), noPassword.port(), "any", role));
    }

    @Test
    void aPasswordTypedForOneOperationReachesReconnectsInsideItAndIsForgottenAfter() {
        Scripted provider = new Scripted();
        provider.answers.add(new PasswordAnswer(PASSWORD, false, false));
        boolean reconnected = credentials(provider).withPassword(noPassword, ready -> {
            // As core does deep inside an operation: a fresh spec without the password.
            try (Connection c = Pg.connect(noPassword.withDatabase("template1"))) {
                return c.isValid(5);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(reconnected);
        assertTrue(SessionPasswords.find(noPassword.host(), noPassword.port(), role).isEmpty());
        assertThrows(LifeboatException.class, () -> Pg.connect(noPassword).close());
    }

    @Test
    void aDatabaseThatDoesNotExistYetStillProvesThePassword() {
        Scripted provider = new Scripted();
        provider.answers.add(new PasswordAnswer(PASSWORD, false, false));
        ConnectionSpec ready = credentials(provider).ensure(noPassword.withDatabase("not_there_" + role));
        assertEquals(Optional.of(PASSWORD), ready.password());
    }

    @Test
    void withConnectionHandsTheActionTheConnectionThatProvedThePasswordAndClosesItAfter() throws Exception {
        Scripted provider = new Scripted();
        provider.answers.add(new PasswordAnswer(PASSWORD, false, false)); // a wrong one first
        provider.answers.addFirst(new PasswordAnswer("wrong", false, false));
        Connection[] handed = new Connection[1];
        String who = credentials(provider).withConnection(noPassword, (ready, c) -> {
            handed[0] = c;
            try (java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT current_user")) {
                rs.next();
                return rs.getString(1);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(role, who, "the connection is the one the accepted password opened");
        assertEquals(2, provider.asked.size());
        assertTrue(handed[0].isClosed(), "closed after the action");
    }

    @Test
    void withConnectionGivesNoConnectionForADatabaseThatDoesNotExistSoTheOperationReportsIt() {
        Scripted provider = new Scripted();
        provider.answers.add(new PasswordAnswer(PASSWORD, false, false));
        boolean none = credentials(provider).withConnection(noPassword.withDatabase("not_there_" + role),
                (ready, c) -> c == null && ready.password().isPresent());
        assertTrue(none);
    }
}
