package dev.lifeboat.core.schedule;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.FieldError;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.CredentialProvider;
import dev.lifeboat.core.pg.CredentialProvider.PasswordAnswer;
import dev.lifeboat.core.pg.CredentialProvider.PasswordRequest;
import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgPass;
import dev.lifeboat.core.pg.SessionPasswords;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Adding a schedule against a server that asks for a password: the first check asks, a password
 * scheduled runs cannot find refuses the schedule, and one the OS scheduler refuses is not kept.
 */
@ExtendWith(PgExtension.class)
class ScheduleServiceTest {
    private static final String PASSWORD = "sched:pw\\1";

    @TempDir
    Path home;

    private String role;
    private ConnectionSpec noPassword;
    private final Deque<PasswordAnswer> answers = new ArrayDeque<>();
    private final List<PasswordRequest> asked = new ArrayList<>();
    private final List<String> installed = new ArrayList<>();

    @BeforeEach
    void role(TestServer server) {
        assumeTrue(System.getenv("PGPASSWORD") == null, "PGPASSWORD would answer before the prompt");
        role = "lb_sched_" + UUID.randomUUID().toString().substring(0, 8);
        TestServer.execute(server.admin(), "CREATE ROLE " + role + " LOGIN PASSWORD " + Pg.literal(PASSWORD));
        noPassword = new ConnectionSpec(server.admin().host(), server.admin().port(), "postgres", role, null,
                server.admin().options());
    }

    @AfterEach
    void dropRole(TestServer server) {
        SessionPasswords.clear();
        TestServer.execute(server.admin(), "DROP ROLE IF EXISTS " + role);
    }

    private ScheduleStore store() {
        return new ScheduleStore(home.resolve("config"));
    }

    private PgPass pgpass() {
        return PgPass.at(home.resolve(".pgpass"));
    }

    private ScheduleService service(ScheduleService.Installer installer) {
        CredentialProvider provider = request -> {
            asked.add(request);
            return Optional.ofNullable(answers.poll());
        };
        return new ScheduleService(store(), text -> noPassword, new Credentials(provider, pgpass()), pgpass(), installer);
    }

    private ScheduleService.Installer recording() {
        return new ScheduleService.Installer() {
            @Override
            public String install(Schedule s) {
                installed.add(s.name());
                return "test scheduler";
            }

            @Override
            public void remove(Schedule s) {
                installed.remove(s.name());
            }
        };
    }

    private Schedule nightly() {
        return new Schedule("nightly", "ledger", home.resolve("backups").toString(), "daily 02:30", "archive", false);
    }

    @Test
    void theFirstCheckAsksForThePasswordAndSavesItWhereScheduledRunsLook() {
        answers.add(new PasswordAnswer(PASSWORD, false, true));
        ScheduleService.Added added = service(recording()).add(nightly(), true);
        assertEquals("test scheduler", added.where());
        assertEquals(1, asked.size(), "asked once, naming the role");
        assertEquals(role, asked.get(0).user());
        assertEquals(Optional.of(PASSWORD), pgpass().find(noPassword.host(), noPassword.port(), "postgres", role));
        assertEquals(List.of("nightly"), store().list().stream().map(Schedule::name).toList());
        assertEquals(List.of("nightly"), installed);
    }

    @Test
    void aPasswordKnownOnlyToThisSessionRefusesTheScheduleAndTheNextAttemptAsksAgain() {
        answers.add(new PasswordAnswer(PASSWORD, true, false));
        LifeboatException e = assertThrows(LifeboatException.class, () -> service(recording()).add(nightly(), true));
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, e.code());
        assertEquals(Remedy.PROVIDE_PASSWORD, e.remedy());
        assertTrue(e.getMessage().contains("every run would fail"), e.getMessage());
        assertEquals(List.of(), store().list(), "not shown as scheduled");
        assertEquals(List.of(), installed);

        answers.add(new PasswordAnswer(PASSWORD, false, true));
        service(recording()).add(nightly(), true);
        assertEquals(2, asked.size(), "the remembered password was forgotten, so the person could save it this time");
        assertEquals(List.of("nightly"), installed);
    }

    @Test
    void aScheduleTheOsSchedulerRefusesIsNotShownAsScheduledAndTheErrorSaysWhatFailed() {
        pgpass().save(noPassword.host(), noPassword.port(), role, PASSWORD);
        Schedule before = new Schedule("nightly", "ledger", home.toString(), "daily 01:00", null, false);
        store().put(before);
        ScheduleService.Installer refusing = new ScheduleService.Installer() {
            @Override
            public String install(Schedule s) {
                throw new LifeboatException(ErrorCode.TOOL_MISSING, "Neither systemd user timers nor crontab are "
                        + "available to schedule backups on this machine.", Remedy.RUN_FROM_OWN_SCHEDULER, null);
            }

            @Override
            public void remove(Schedule s) {
            }
        };
        LifeboatException e = assertThrows(LifeboatException.class, () -> service(refusing).add(nightly(), true));
        assertTrue(e.getMessage().contains("refused schedule nightly") && e.getMessage().contains("crontab"),
                e.getMessage());
        assertEquals(Remedy.RUN_FROM_OWN_SCHEDULER, e.remedy());
        assertEquals(List.of(before), store().list(), "the schedule that was there stays as it was");
        assertEquals(List.of(), asked, "a password in ~/.pgpass needs no prompt");
    }

    @Test
    void everyWrongFieldIsNamedAndNothingIsSaved() {
        Schedule bad = new Schedule("no spaces", "ledger", home.toString(), "at noon", "deep", false);
        List<String> fields = service(recording()).validate(bad).stream().map(FieldError::field).toList();
        assertEquals(List.of("Name", "When", "Verify"), fields);
        LifeboatException e = assertThrows(LifeboatException.class, () -> service(recording()).add(bad, true));
        assertTrue(e.getMessage().contains("When: Cannot read the schedule 'at noon'"), e.getMessage());
        assertEquals(List.of(), store().list());
        assertEquals(List.of(), asked, "no prompt for a form that cannot be saved");
    }

    @Test
    void jobsOutsideOneToSixtyFourAreNamedAndASchedulesJsonFromBeforeJobsReadsAsOne() throws Exception {
        Schedule tooMany = new Schedule("nightly", "ledger", home.toString(), "daily 02:30", null, false, 65);
        List<FieldError> wrong = service(recording()).validate(tooMany);
        assertEquals(List.of("Jobs"), wrong.stream().map(FieldError::field).toList());
        assertTrue(wrong.get(0).message().contains("from 1 to 64, not 65"), wrong.get(0).message());
        java.nio.file.Files.writeString(home.resolve("schedules.json"), "[{\"name\":\"old\",\"connection\":\"ledger\","
                + "\"folder\":\"/srv\",\"when\":\"daily 02:30\",\"prune\":false}]");
        assertEquals(1, new ScheduleStore(home).find("old").orElseThrow().jobs());
    }

    @Test
    void removeUnregistersThenForgets() {
        pgpass().save(noPassword.host(), noPassword.port(), role, PASSWORD);
        ScheduleService s = service(recording());
        s.add(nightly(), true);
        s.remove("nightly");
        assertEquals(List.of(), store().list());
        assertEquals(List.of(), installed);
        LifeboatException e = assertThrows(LifeboatException.class, () -> s.remove("nightly"));
        assertEquals(Remedy.LIST_SCHEDULES, e.remedy());
    }
}
