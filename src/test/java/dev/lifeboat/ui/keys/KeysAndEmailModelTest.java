package dev.lifeboat.ui.keys;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.lifeboat.core.crypto.IdentitySetting;
import dev.lifeboat.core.notify.Notifier;
import dev.lifeboat.core.notify.SmtpPassword;
import dev.lifeboat.ui.common.SameThreadExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Settings' Encryption and Email as models, without a window: real files, a real SMTP server (GreenMail). */
class KeysAndEmailModelTest {
    private static final String PASSWORD = "smtp-S3cret-from-the-app";

    @TempDir
    Path config;

    @TempDir
    Path keys;

    @BeforeAll
    static void toolkit() throws Exception {
        org.testfx.api.FxToolkit.registerPrimaryStage();
    }

    private static String read(Path p) throws Exception {
        return Files.readString(p);
    }

    @Test
    void generatedIdentityIsKeptByPathAndItsRecipientExported() throws Exception {
        IdentityModel model = new IdentityModel(config);
        Path key = keys.resolve("age.txt");
        assertTrue(model.generate(key), model.statusProperty().get());
        assertTrue(model.recipientProperty().get().startsWith("age1"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
        String setting = read(config.resolve(IdentitySetting.FILE_NAME));
        assertTrue(setting.contains(key.toString()) && !setting.contains("AGE-SECRET-KEY"), setting);
        assertEquals(key, IdentitySetting.resolve(config), "verify and restore in the app use it");

        Path exported = keys.resolve("recipient.txt");
        assertTrue(model.exportRecipient(exported));
        assertEquals(model.recipientProperty().get() + "\n", read(exported));
        assertFalse(read(exported).contains("AGE-SECRET-KEY"));

        assertEquals(key.toString(), new IdentityModel(config).identityFileProperty().get(), "remembered");
        assertFalse(model.generate(key), "never over an existing identity");
    }

    @Test
    void aFileWithoutAnIdentityIsRefused() throws Exception {
        Path notAKey = Files.writeString(keys.resolve("notes.txt"), "hello\n");
        IdentityModel model = new IdentityModel(config);
        assertFalse(model.choose(notAKey));
        assertTrue(model.statusProperty().get().startsWith("\u2716"), model.statusProperty().get());
        assertFalse(Files.exists(config.resolve(IdentitySetting.FILE_NAME)));
    }

    @Test
    void emailSettingsSaveThePasswordApartAndSendTestReachesTheServer() throws Exception {
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
                .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.org", "alerts", PASSWORD));
        smtp.start();
        try {
            EmailModel model = new EmailModel(new SameThreadExecutor(), config);
            assertFalse(model.save(new EmailModel.Form("127.0.0.1", "not a port", "none", "a@example.org", "b@example.org",
                    "", "")));
            assertTrue(model.save(new EmailModel.Form("127.0.0.1", String.valueOf(smtp.getSmtp().getPort()), "none",
                    "lifeboat@example.org", "dba@example.org", "alerts", PASSWORD)), model.statusProperty().get());
            assertFalse(read(config.resolve(Notifier.FILE_NAME)).contains(PASSWORD), "never in notifications.json");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    config.resolve(SmtpPassword.FILE_NAME))));

            WaitForAsyncUtils.asyncFx(model::sendTest).get(60, TimeUnit.SECONDS);
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(model.statusProperty().get().startsWith("\u2714 email to dba@example.org: sent"),
                    model.statusProperty().get());
            assertTrue(smtp.waitForIncomingEmail(10_000, 1));
        } finally {
            smtp.stop();
        }
    }
}
