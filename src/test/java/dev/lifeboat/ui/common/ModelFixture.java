package dev.lifeboat.ui.common;

import dev.lifeboat.core.pg.CredentialProvider;
import dev.lifeboat.core.pg.CredentialProvider.PasswordAnswer;
import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.PgPass;
import dev.lifeboat.core.pg.SessionPasswords;
import dev.lifeboat.core.settings.SettingsStore;
import dev.lifeboat.testsupport.TestServer;
import dev.lifeboat.ui.manifest.ManifestModel;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A screen model's world without a window: the same-thread executor, a dialog service that records
 * what it was asked and answers as told, and a password prompt that answers from a list.
 */
public final class ModelFixture implements AutoCloseable {
    /** What the dialogs were asked, in order ("confirm: Delete backup x", "error: ...", "info: ..."). */
    public final List<String> dialogs = new ArrayList<>();
    /** How many times the password was asked. */
    public final AtomicInteger asked = new AtomicInteger();
    public final SameThreadExecutor executor = new SameThreadExecutor();
    public final ManifestModel manifest = new ManifestModel(executor);
    public final AppContext ctx;
    private final List<String> passwords = new ArrayList<>();
    private boolean confirmAnswer = true;

    public ModelFixture(Path home, Path folder) throws Exception {
        FxToolkit.registerPrimaryStage(); // the toolkit only: tasks publish their outcome on the FX thread
        CredentialProvider prompt = r -> {
            asked.incrementAndGet();
            return passwords.isEmpty() ? Optional.empty() : Optional.of(new PasswordAnswer(passwords.remove(0), false, false));
        };
        ctx = new AppContext(new SettingsStore(home), executor, manifest, new Recording(),
                new Credentials(prompt, PgPass.at(home.resolve(".pgpass"))));
        manifest.open(folder);
    }

    /** The passwords the prompt gives, one per question; then it is declined. */
    public ModelFixture answering(String... typed) {
        passwords.addAll(List.of(typed));
        return this;
    }

    public ModelFixture answeringTheRightPassword() {
        return answering(TestServer.ADMIN_PASSWORD);
    }

    /** Whether confirmations are agreed to. */
    public ModelFixture confirming(boolean agree) {
        confirmAnswer = agree;
        return this;
    }

    /** Runs an action on the FX thread (where the view would call it) and waits for what it published. */
    public <T> T onFx(Callable<T> action) throws Exception {
        T value = WaitForAsyncUtils.asyncFx(action).get(180, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        return value;
    }

    public void onFx(Runnable action) throws Exception {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    @Override
    public void close() {
        manifest.stop();
        SessionPasswords.clear();
    }

    private final class Recording implements DialogService {
        @Override
        public boolean confirm(String title, String message, String actionText) {
            dialogs.add("confirm: " + actionText + " | " + message);
            return confirmAnswer;
        }

        @Override
        public boolean confirmByTypingName(String title, String message, String name, String actionText) {
            dialogs.add("confirm by name: " + actionText);
            return confirmAnswer;
        }

        @Override
        public void showError(String title, Throwable error) {
            dialogs.add("error: " + title + " | " + error.getMessage());
        }

        @Override
        public void showInfo(String title, String message) {
            dialogs.add("info: " + title + " | " + message);
        }

        @Override
        public Optional<java.nio.file.Path> chooseFolder(String title, java.nio.file.Path initial) {
            return Optional.empty();
        }

        @Override
        public Optional<java.nio.file.Path> chooseSaveFile(String title, String suggestedName, String extensionDescription,
                                                           String extension) {
            return Optional.empty();
        }
    }
}
