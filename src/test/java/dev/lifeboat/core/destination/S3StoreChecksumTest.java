package dev.lifeboat.core.destination;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.CopyRecord;
import dev.lifeboat.core.manifest.CopyState;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.util.Hashing;
import dev.lifeboat.testsupport.S3TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's own full-object SHA-256, where a store keeps one, stands in for the read-back. S3Proxy
 * keeps none (it refuses the header: the contract tests run the read-back path against it), so this
 * runs against a small in-process HTTP store that speaks the part of S3 involved: PUT checks the
 * x-amz-checksum-sha256 header as AWS does, HEAD with checksum mode returns it as a FULL_OBJECT
 * checksum, GET counts the read-backs.
 */
class S3StoreChecksumTest {
    @TempDir
    Path folder;

    private HttpServer http;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final AtomicInteger gets = new AtomicInteger();
    private volatile boolean keepsChecksums = true;

    @BeforeEach
    void start() throws IOException {
        S3TestServer.useCredentials();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::handle);
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        switch (x.getRequestMethod()) {
            case "PUT" -> {
                byte[] body = x.getRequestBody().readAllBytes();
                String payload = x.getRequestHeaders().getFirst("x-amz-content-sha256");
                if (payload != null && payload.startsWith("STREAMING")) {
                    body = unchunk(body);
                }
                String sent = x.getRequestHeaders().getFirst("x-amz-checksum-sha256");
                if (sent != null && !sent.equals(sha256(body))) {
                    reply(x, 400, "<Error><Code>BadDigest</Code><Message>checksum mismatch</Message></Error>");
                    return;
                }
                objects.put(path, body);
                x.getResponseHeaders().add("ETag", "\"e\"");
                reply(x, 200, "");
            }
            case "HEAD" -> {
                byte[] body = objects.get(path);
                if (body == null) {
                    x.sendResponseHeaders(404, -1);
                    x.close();
                    return;
                }
                if (keepsChecksums && "ENABLED".equals(x.getRequestHeaders().getFirst("x-amz-checksum-mode"))) {
                    x.getResponseHeaders().add("x-amz-checksum-sha256", sha256(body));
                    x.getResponseHeaders().add("x-amz-checksum-type", "FULL_OBJECT");
                }
                x.getResponseHeaders().add("Content-Length", String.valueOf(body.length));
                x.sendResponseHeaders(200, -1);
                x.close();
            }
            case "GET" -> {
                gets.incrementAndGet();
                byte[] body = objects.get(path);
                x.sendResponseHeaders(200, body.length);
                x.getResponseBody().write(body);
                x.close();
            }
            default -> reply(x, 405, "");
        }
    }

    private static void reply(HttpExchange x, int status, String body) throws IOException {
        byte[] b = body.getBytes();
        x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            x.getResponseBody().write(b);
        }
        x.close();
    }

    /** The payload of an aws-chunked body ("size;chunk-signature=...\r\n" data "\r\n", ending with size 0). */
    private static byte[] unchunk(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int i = 0;
        while (i < body.length) {
            int eol = i;
            while (body[eol] != '\r') {
                eol++;
            }
            int size = Integer.parseInt(new String(body, i, eol - i).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(body, eol + 2, size);
            i = eol + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] body) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private CopyRecord copyOneBackup() throws IOException {
        Path f = folder.resolve("db_20260101_000000.dump");
        Files.writeString(f, "a backup to copy");
        ManifestStore store = new ManifestStore(folder);
        String hash = Hashing.sha256(f, ProgressListener.NONE, CancelToken.none());
        store.update(m -> m.withAdded(Entries.entry("db_20260101_000000", "2026-01-01T00:00:00Z", f.getFileName().toString(),
                hash)));
        DestinationStore ds = new DestinationStore(folder);
        ds.add(new DestinationConfig("aws", "s3://bucket/lifeboat", "http://127.0.0.1:" + http.getAddress().getPort(),
                "eu-central-1", true, null, false, null));
        return new CopyService(store).copy("db_20260101_000000", "aws", ProgressListener.NONE, CancelToken.none());
    }

    @Test
    void aStoreThatKeepsAFullObjectSha256ChecksTheCopyWithoutAReadBack() throws IOException {
        CopyRecord c = copyOneBackup();
        assertEquals(CopyState.OK, c.state());
        assertEquals(Hashing.sha256(folder.resolve("db_20260101_000000.dump"), ProgressListener.NONE, CancelToken.none()),
                c.hash());
        assertEquals(0, gets.get(), "the store's own checksum stood in for reading the copy back");
        assertTrue(objects.containsKey("/bucket/lifeboat/db_20260101_000000.dump"));
    }

    @Test
    void aStoreThatReturnsNoChecksumIsReadBack() throws IOException {
        keepsChecksums = false;
        CopyRecord c = copyOneBackup();
        assertEquals(CopyState.OK, c.state());
        assertEquals(1, gets.get(), "no checksum from the store: the copy was read back");
    }
}
