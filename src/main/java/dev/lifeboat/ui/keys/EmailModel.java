package dev.lifeboat.ui.keys;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.notify.EmailSettings;
import dev.lifeboat.core.notify.Notifier;
import dev.lifeboat.core.notify.SmtpPassword;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Settings → Email as a model: the SMTP settings (saved in notifications.json, no password there),
 * the password saved apart in an owner-only file, and Send test through every configured channel.
 */
public final class EmailModel {
    /** What the form holds; an empty password leaves the saved one as it is. */
    public record Form(String host, String port, String security, String from, String to, String username,
                       String password) {
    }

    private final TaskExecutor executor;
    private final Path configFolder;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public EmailModel(TaskExecutor executor, Path configFolder) {
        this.executor = executor;
        this.configFolder = configFolder;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The saved settings, or null when email is not set up. */
    public EmailSettings saved() {
        return Notifier.load(configFolder).email();
    }

    public boolean passwordSaved() {
        return SmtpPassword.saved(configFolder);
    }

    public boolean save(Form f) {
        try {
            Integer port = f.port() == null || f.port().isBlank() ? null : Integer.valueOf(f.port().strip());
            List<String> to = Arrays.stream(String.valueOf(f.to()).split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
            EmailSettings s = new EmailSettings(f.host() == null ? null : f.host().strip(), port, f.security(),
                    f.from() == null ? null : f.from().strip(), to,
                    f.username() == null || f.username().isBlank() ? null : f.username().strip());
            Notifier.saveEmail(configFolder, s);
            if (f.password() != null && !f.password().isEmpty()) {
                SmtpPassword.save(configFolder, f.password());
            }
            status.set("\u2714 Saved. Send a test to check it.");
            return true;
        } catch (NumberFormatException e) {
            status.set("\u2716 The port is a number, such as 587.");
            return false;
        } catch (LifeboatException e) {
            status.set("\u2716 " + e.getMessage());
            return false;
        }
    }

    /** Sends a test notification through every configured channel and says how each fared. */
    public void sendTest() {
        status.set("Sending a test\u2026");
        OperationTask<List<Notifier.Delivery>> t = new OperationTask<>("Send a test notification",
                (p, c) -> Notifier.fromConfig(configFolder).deliver("test", "This is a test notification from Lifeboat.",
                        Map.of()));
        t.setOnSucceeded(e -> status.set(t.getValue().isEmpty() ? "\u2716 No channel is set up: save the email settings first."
                : t.getValue().stream().map(d -> (d.delivered() ? "\u2714 " : "\u2716 ") + d.channel()
                        + (d.delivered() ? ": sent" : ": " + d.problem())).collect(Collectors.joining("\n"))));
        t.setOnFailed(e -> status.set("\u2716 " + t.getException().getMessage()));
        executor.start(t);
    }
}
