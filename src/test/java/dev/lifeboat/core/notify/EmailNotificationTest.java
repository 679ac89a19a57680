package dev.lifeboat.core.notify;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Email notifications through a real SMTP server in-process (GreenMail), with a login. */
class EmailNotificationTest {
    private static final String PASSWORD = "smtp-S3cret-for-test";

    @TempDir
    Path config;

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.org", "alerts", PASSWORD));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private EmailSettings settings() {
        return new EmailSettings("127.0.0.1", smtp.getSmtp().getPort(), "none", "lifeboat@example.org",
                List.of("dba@example.org", "oncall@example.org"), "alerts");
    }

    @Test
    void failedScheduledBackupMailNamesTheDatabaseAndSaysWhatToDo() throws Exception {
        Notifier notifier = new Notifier(null, settings(), name -> EmailSettings.PASSWORD_ENV.equals(name) ? PASSWORD : null);
        assertTrue(notifier.send("scheduled-backup-failed", "Lifeboat schedule 'nightly' failed: cannot reach the server",
                Map.of("schedule", "nightly", "database", "ledger")));
        assertTrue(smtp.waitForIncomingEmail(10_000, 2));
        MimeMessage m = smtp.getReceivedMessages()[0];
        assertTrue(m.getSubject().contains("the scheduled backup of ledger failed"), m.getSubject());
        String body = GreenMailUtil.getBody(m);
        assertTrue(body.contains("cannot reach the server") && body.contains("What to do:"), body);
        assertEquals(2, smtp.getReceivedMessages().length, "one for each recipient");
    }

    @Test
    void settingsAreSavedWithoutThePasswordAndAMissingPasswordIsReported() throws Exception {
        Notifier.saveEmail(config, settings());
        String saved = Files.readString(config.resolve(Notifier.FILE_NAME));
        assertTrue(saved.contains("\"smtp_host\""), saved);
        assertFalse(saved.contains(PASSWORD));

        Notifier loaded = new Notifier(null, Notifier.load(config).email(), name -> null);
        List<Notifier.Delivery> d = loaded.deliver("copy-failed", "The copy failed its check", Map.of("database", "ledger"));
        assertEquals(1, d.size());
        assertFalse(d.get(0).delivered());
        assertTrue(d.get(0).problem().contains(EmailSettings.PASSWORD_ENV), d.get(0).problem());
    }
}
