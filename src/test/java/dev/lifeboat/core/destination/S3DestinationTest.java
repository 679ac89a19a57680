package dev.lifeboat.core.destination;

import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.S3TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Copies to a real S3 server (S3Proxy), path-style with an endpoint override, as for MinIO. */
@ExtendWith(PgExtension.class)
class S3DestinationTest extends DirectoryCopyContract {
    private static S3TestServer server;
    private static int prefixes;
    private final String prefix = "lifeboat/run" + (++prefixes);

    @BeforeAll
    static void start() throws Exception {
        server = new S3TestServer(Files.createTempDirectory("lifeboat-s3"), "backups");
        S3TestServer.useCredentials();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @Override
    DestinationConfig config() {
        return new DestinationConfig(NAME, "s3://backups/" + prefix, server.endpoint(), "eu-central-1", true, null,
                true, null);
    }

    /** Parts of 5 MB (the smallest S3 allows), so a 12 MB file goes up in parts. */
    @Override
    Destination open(DestinationConfig config) {
        return new S3Destination(config, 5L << 20);
    }

    @Override
    void damage(String key) throws Exception {
        Path object = server.objectFile("backups", prefix + "/" + key);
        FileDestinationTest.flip(object);
    }

    @Override
    List<String> unfinishedUploads(Destination d) {
        return ((S3Destination) d).unfinishedUploads();
    }
}
