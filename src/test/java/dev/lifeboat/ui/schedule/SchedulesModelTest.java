package dev.lifeboat.ui.schedule;

import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.CredentialProvider.PasswordAnswer;
import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgPass;
import dev.lifeboat.core.pg.SessionPasswords;
import dev.lifeboat.core.schedule.Schedule;
import dev.lifeboat.core.schedule.ScheduleService;
import dev.lifeboat.core.schedule.ScheduleStore;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestServer;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.RecordingDialogs;
import dev.lifeboat.ui.common.SameThreadExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Schedules screen's model without a window, against a server that asks for a password. */
@ExtendWith(PgExtension.class)
class SchedulesModelTest {
    private static final String PASSWORD = "model-pw";

    @TempDir
    Path home;

    private String role;
    private ConnectionSpec noPassword;
    private final AtomicInteger asked = new AtomicInteger();
    private final List<String> installed = new ArrayList<>();
    private final RecordingDialogs dialogs = new RecordingDialogs();
    private SchedulesModel model;
    private ScheduleStore store;

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @BeforeEach
    void setUp(TestServer server) {
        assumeTrue(System.getenv("PGPASSWORD") == null, "PGPASSWORD would answer before the prompt");
        role = "lb_smodel_" + UUID.randomUUID().toString().substring(0, 8);
        TestServer.execute(server.admin(), "CREATE ROLE " + role + " LOGIN PASSWORD " + Pg.literal(PASSWORD));
        noPassword = new ConnectionSpec(server.admin().host(), server.admin().port(), "postgres", role, null,
                server.admin().options());
        store = new ScheduleStore(home.resolve("config"));
        PgPass pgpass = PgPass.at(home.resolve(".pgpass"));
        Credentials credentials = new Credentials(r -> {
            asked.incrementAndGet();
            return Optional.of(new PasswordAnswer(PASSWORD, false, true));
        }, pgpass);
        ScheduleService service = new ScheduleService(store, text -> noPassword, credentials, pgpass,
                new ScheduleService.Installer() {
                    @Override
                    public String install(Schedule s) {
                        installed.add(s.name());
                        return "the test scheduler";
                    }

                    @Override
                    public void remove(Schedule s) {
                        installed.remove(s.name());
                    }
                });
        model = new SchedulesModel(new SameThreadExecutor(), dialogs, store, service,
                s -> new OperationTask<>("Scheduled run " + s.name(), (p, c) -> "ran"), () -> { });
    }

    @AfterEach
    void dropRole(TestServer server) {
        SessionPasswords.clear();
        TestServer.execute(server.admin(), "DROP ROLE IF EXISTS " + role);
    }

    private void onFx(Runnable r) throws Exception {
        WaitForAsyncUtils.asyncFx(r).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Schedule nightly() {
        return new Schedule("nightly", "ledger", home.toString(), "daily 02:30", "archive", true);
    }

    @Test
    void addingAsksForThePasswordOnceThenListsTheScheduleWithWhereItWent() throws Exception {
        onFx(() -> model.add(nightly()));
        assertEquals(1, asked.get());
        assertEquals(List.of("nightly"), model.schedules().stream().map(Schedule::name).toList());
        assertEquals(List.of("nightly"), installed);
        assertTrue(model.statusProperty().get().contains("the test scheduler"), model.statusProperty().get());
        assertFalse(model.busyProperty().get());
        assertEquals(List.of(), dialogs.errors);
    }

    @Test
    void removeAsksFirstAndAnsweringNoKeepsIt() throws Exception {
        onFx(() -> model.add(nightly()));
        dialogs.answer = false;
        onFx(() -> model.remove(model.schedules().get(0)));
        assertEquals(1, model.schedules().size());
        dialogs.answer = true;
        onFx(() -> model.remove(model.schedules().get(0)));
        assertEquals(List.of(), model.schedules());
        assertEquals(List.of(), installed);
        assertEquals(2, dialogs.confirmations.size());
    }

    @Test
    void aWrongFieldIsNamedBeforeAnythingIsAsked() {
        Schedule bad = new Schedule("nightly", "ledger", home.toString(), "sometimes", null, false);
        assertEquals("When", model.validate(bad).get(0).field());
        assertEquals(0, asked.get());
    }

    @Test
    void runNowShowsWhatTheRunSaid() throws Exception {
        onFx(() -> model.add(nightly()));
        onFx(() -> model.runNow(model.schedules().get(0)));
        assertEquals("Schedule nightly: ran", model.statusProperty().get());
    }
}
