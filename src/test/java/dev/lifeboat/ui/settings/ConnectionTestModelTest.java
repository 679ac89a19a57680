package dev.lifeboat.ui.settings;

import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.CredentialProvider;
import dev.lifeboat.core.pg.CredentialProvider.PasswordAnswer;
import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.PgPass;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.SessionPasswords;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import dev.lifeboat.ui.common.SameThreadExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings' Test as a view model, without a window: the same-thread executor makes it deterministic. */
@ExtendWith(PgExtension.class)
class ConnectionTestModelTest {
    @TempDir
    Path home;

    @BeforeAll
    static void toolkit() throws Exception {
        // The toolkit only (no window), started the way TestFX does, so the UI test classes after this one share it.
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    @AfterEach
    void forget() {
        SessionPasswords.clear();
    }

    private String test(ConnectionSpec spec, CredentialProvider provider) throws Exception {
        ConnectionTestModel model = new ConnectionTestModel(new SameThreadExecutor(),
                new Credentials(provider, PgPass.at(home.resolve(".pgpass"))));
        WaitForAsyncUtils.asyncFx(() -> model.test(spec, PgToolLocator.standard(null))).get(60, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents(); // the task publishes its outcome on the next FX pulse
        assertFalse(model.runningProperty().get(), "finished: " + model.resultProperty().get());
        return model.resultProperty().get();
    }

    @Test
    void testAsksForThePasswordOnceAndReportsTheServerAndPgDump(TestDatabase db) throws Exception {
        AtomicInteger asked = new AtomicInteger();
        String result = test(db.spec().withPassword(null), r -> {
            asked.incrementAndGet();
            return Optional.of(new PasswordAnswer(TestServer.ADMIN_PASSWORD, false, false));
        });
        assertEquals(1, asked.get());
        assertTrue(result.startsWith("\u2714 PostgreSQL 15") && result.contains("pg_dump"), result);
    }

    @Test
    void aDeclinedPromptSaysAPasswordIsNeededInTheAppsWords(TestDatabase db) throws Exception {
        String result = test(db.spec().withPassword(null), r -> Optional.empty());
        assertTrue(result.startsWith("\u2716") && result.contains("password"), result);
        assertFalse(result.contains("PGPASSWORD") || result.contains("-W"), "no CLI words in the app: " + result);
    }
}
