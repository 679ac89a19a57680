package dev.lifeboat.core.notify;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tells someone when unattended work fails: a JSON POST to the webhook and an email, as set in
 * notifications.json ({"webhook_url": "https://...", "email": {...}}). A notification that cannot be
 * sent is logged, never fatal.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    public static final String FILE_NAME = "notifications.json";

    /** The settings file's shape; unknown fields are ignored. */
    public record Settings(String webhookUrl, EmailSettings email) {
    }

    private final String webhook;
    private final EmailSettings email;
    private final Function<String, String> env;

    public Notifier(String webhook) {
        this(webhook, null, System::getenv);
    }

    /** @param env where the SMTP password is read from (the process environment; tests give their own) */
    public Notifier(String webhook, EmailSettings email, Function<String, String> env) {
        this.webhook = webhook;
        this.email = email;
        this.env = env;
    }

    public static Settings load(Path configFolder) {
        try {
            return Json.MAPPER.readValue(Files.readAllBytes(configFolder.resolve(FILE_NAME)), Settings.class);
        } catch (NoSuchFileException e) {
            return new Settings(null, null);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} cannot be read: {}", FILE_NAME, e.getMessage());
            return new Settings(null, null);
        }
    }

    /** Saves the email settings beside the webhook (no password is part of them). */
    public static void saveEmail(Path configFolder, EmailSettings emailSettings) {
        Settings next = new Settings(load(configFolder).webhookUrl(), emailSettings);
        try {
            SafeFiles.ensureFolder(configFolder);
            SafeFiles.writeAtomically(configFolder.resolve(FILE_NAME), Json.MAPPER.writeValueAsBytes(next));
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot save " + configFolder.resolve(FILE_NAME) + ": "
                    + e.getMessage(), e);
        }
    }

    public static Notifier fromConfig(Path configFolder) {
        Settings s = load(configFolder);
        return new Notifier(s.webhookUrl(), s.email(), SmtpPassword.environment(configFolder, System::getenv));
    }

    public boolean enabled() {
        return webhookEnabled() || email != null;
    }

    private boolean webhookEnabled() {
        return webhook != null && !webhook.isBlank();
    }

    /** One configured channel's outcome. */
    public record Delivery(String channel, boolean delivered, String problem) {
    }

    /**
     * Sends through every configured channel: the webhook gets {event, message, host, time,
     * details}, the email a subject naming the database and what failed and a body saying what to
     * do. Returns true when every configured channel delivered.
     */
    public boolean send(String event, String message, Map<String, Object> details) {
        List<Delivery> all = deliver(event, message, details);
        return !all.isEmpty() && all.stream().allMatch(Delivery::delivered);
    }

    public List<Delivery> deliver(String event, String message, Map<String, Object> details) {
        List<Delivery> out = new ArrayList<>();
        if (webhookEnabled()) {
            out.add(new Delivery("webhook", post(event, message, details), null));
        }
        if (email != null) {
            try {
                new EmailSender(email, env).send(Messages.subject(event, details), Messages.body(event, message, details));
                out.add(new Delivery("email to " + String.join(", ", email.to()), true, null));
            } catch (MessagingException | RuntimeException e) {
                LOG.warn("The {} email could not be sent: {}", event, e.getMessage());
                out.add(new Delivery("email to " + String.join(", ", email.to()), false, e.getMessage()));
            }
        }
        return out;
    }

    private boolean post(String event, String message, Map<String, Object> details) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("message", message);
        try {
            body.put("host", InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            body.put("host", "unknown");
        }
        body.put("time", OffsetDateTime.now().toString());
        body.put("details", details);
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(webhook)).timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writer()
                            .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                            .writeValueAsBytes(body))).build();
            HttpResponse<Void> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                    .send(req, HttpResponse.BodyHandlers.discarding());
            boolean ok = r.statusCode() / 100 == 2;
            if (!ok) {
                LOG.warn("The webhook answered {} to the {} notification", r.statusCode(), event);
            }
            return ok;
        } catch (IOException | IllegalArgumentException e) {
            LOG.warn("The {} notification could not be sent: {}", event, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
