package dev.lifeboat.cli;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.notify.EmailSettings;
import dev.lifeboat.core.notify.Notifier;
import dev.lifeboat.core.settings.AppPaths;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** notify email|test: where failures of unattended work are reported. */
@Command(name = "notify", description = "Notifications of failed scheduled backups, verifications, copies and "
        + "critical health (webhook and email).", subcommands = {NotifyCommands.Email.class, NotifyCommands.Test.class})
final class NotifyCommands {
    @Command(name = "email", description = "Send notifications by email. The SMTP password is read from "
            + EmailSettings.PASSWORD_ENV + " when a notification is sent; it is never saved.")
    static final class Email implements Callable<Integer> {
        @Option(names = "--smtp-host", required = true, paramLabel = "H")
        String host;

        @Option(names = "--smtp-port", paramLabel = "P", description = "Default: 587 (starttls), 465 (ssl), 25 (none).")
        Integer port;

        @Option(names = "--security", paramLabel = "starttls|ssl|none", description = "Default: starttls.")
        String security = "starttls";

        @Option(names = "--from", required = true, paramLabel = "ADDR")
        String from;

        @Option(names = "--to", required = true, paramLabel = "ADDR", description = "Recipient; repeatable.")
        List<String> to;

        @Option(names = "--username", paramLabel = "U", description = "SMTP login (its password: "
                + EmailSettings.PASSWORD_ENV + ").")
        String username;

        @Override
        public Integer call() {
            EmailSettings s = new EmailSettings(host, port, security, from, to, username);
            Notifier.saveEmail(AppPaths.configFolder(), s);
            System.out.println("Email notifications go to " + String.join(", ", s.to()) + " through " + s.smtpHost()
                    + ":" + s.portOrDefault() + " (" + s.security() + "). 'lifeboat notify test' sends one now.");
            return 0;
        }
    }

    @Command(name = "test", description = "Send a test notification through every configured channel.")
    static final class Test implements Callable<Integer> {
        @Override
        public Integer call() {
            var deliveries = Notifier.fromConfig(AppPaths.configFolder()).deliver("test",
                    "This is a test notification from Lifeboat.", Map.of());
            if (deliveries.isEmpty()) {
                System.out.println("No notification channel is configured: add one with 'lifeboat notify email ...' "
                        + "or a webhook_url in " + AppPaths.configFolder().resolve(Notifier.FILE_NAME) + ".");
                return ErrorCode.USAGE.exitCode();
            }
            boolean all = true;
            for (Notifier.Delivery d : deliveries) {
                System.out.println(d.channel() + ": " + (d.delivered() ? "sent" : "FAILED" + (d.problem() == null ? ""
                        : " (" + d.problem() + ")")));
                all &= d.delivered();
            }
            return all ? 0 : ErrorCode.IO_ERROR.exitCode();
        }
    }
}
