package dev.lifeboat.core.notify;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;

import java.util.List;
import java.util.Locale;

/**
 * Where email notifications go, as saved in notifications.json. No password: it comes from
 * LIFEBOAT_SMTP_PASSWORD in the environment of the process that sends.
 *
 * @param security starttls, ssl or none
 */
public record EmailSettings(String smtpHost, Integer smtpPort, String security, String from, List<String> to,
                            String username) {
    public static final String PASSWORD_ENV = "LIFEBOAT_SMTP_PASSWORD";

    public EmailSettings {
        to = to == null ? List.of() : List.copyOf(to);
        security = security == null ? "starttls" : security.toLowerCase(Locale.ROOT);
        if (!List.of("starttls", "ssl", "none").contains(security)) {
            throw new LifeboatException(ErrorCode.USAGE, "The SMTP security '" + security + "' is unknown: use "
                    + "starttls, ssl or none.");
        }
        if (smtpHost == null || smtpHost.isBlank() || from == null || from.isBlank() || to.isEmpty()) {
            throw new LifeboatException(ErrorCode.USAGE, "Email notifications need an SMTP host, a sender and at "
                    + "least one recipient.");
        }
    }

    public int portOrDefault() {
        return smtpPort != null ? smtpPort : "ssl".equals(security) ? 465 : "starttls".equals(security) ? 587 : 25;
    }
}
