package dev.lifeboat.core.notify;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.util.Date;
import java.util.Properties;
import java.util.function.Function;

/** Sends one plain-text message through SMTP (Angus Mail), with STARTTLS, SSL or neither. */
final class EmailSender {
    private static final String TIMEOUT_MS = "20000";

    private final EmailSettings settings;
    private final Function<String, String> env;

    EmailSender(EmailSettings settings, Function<String, String> env) {
        this.settings = settings;
        this.env = env;
    }

    void send(String subject, String body) throws MessagingException {
        Properties p = new Properties();
        String proto = "ssl".equals(settings.security()) ? "smtps" : "smtp";
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", settings.smtpHost());
        p.put("mail." + proto + ".port", String.valueOf(settings.portOrDefault()));
        p.put("mail." + proto + ".connectiontimeout", TIMEOUT_MS);
        p.put("mail." + proto + ".timeout", TIMEOUT_MS);
        p.put("mail." + proto + ".writetimeout", TIMEOUT_MS);
        if ("starttls".equals(settings.security())) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
        }
        if ("ssl".equals(settings.security())) {
            p.put("mail.smtps.ssl.checkserveridentity", "true");
        }
        Authenticator auth = null;
        if (settings.username() != null && !settings.username().isBlank()) {
            p.put("mail." + proto + ".auth", "true");
            String password = env.apply(EmailSettings.PASSWORD_ENV);
            if (password == null) {
                throw new MessagingException("the SMTP server needs a password for " + settings.username()
                        + " and " + EmailSettings.PASSWORD_ENV + " is not set");
            }
            auth = new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(settings.username(), password);
                }
            };
        }
        Session session = Session.getInstance(p, auth);
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress(settings.from()));
        for (String to : settings.to()) {
            m.addRecipient(Message.RecipientType.TO, new InternetAddress(to));
        }
        m.setSubject(subject, "UTF-8");
        m.setText(body, "UTF-8");
        m.setSentDate(new Date());
        Transport.send(m);
    }
}
