package dev.lifeboat.core.notify;

import dev.lifeboat.core.util.Json;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tells someone when unattended work fails: a JSON POST to the webhook in notifications.json
 * ({"webhook_url": "https://..."}). A notification that cannot be sent is logged, never fatal.
 */
public final class Notifier {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

    /** The settings file's shape. */
    public record Settings(String webhookUrl) {
    }

    private final String webhook;

    public Notifier(String webhook) {
        this.webhook = webhook;
    }

    public static Notifier fromConfig(Path configFolder) {
        try {
            Settings s = Json.MAPPER.readValue(Files.readAllBytes(configFolder.resolve("notifications.json")), Settings.class);
            return new Notifier(s.webhookUrl());
        } catch (NoSuchFileException e) {
            return new Notifier(null);
        } catch (IOException e) {
            LOG.warn("notifications.json cannot be read: {}", e.getMessage());
            return new Notifier(null);
        }
    }

    public boolean enabled() {
        return webhook != null && !webhook.isBlank();
    }

    /** Sends {event, message, host, time, details}; returns true when the webhook answered 2xx. */
    public boolean send(String event, String message, Map<String, Object> details) {
        if (!enabled()) {
            return false;
        }
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
