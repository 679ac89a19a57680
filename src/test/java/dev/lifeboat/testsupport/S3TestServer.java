package dev.lifeboat.testsupport;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;

import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;

/**
 * A real S3 server in-process (S3Proxy over jclouds' filesystem store), with access-key
 * authentication, so the AWS SDK talks to it as to MinIO. Objects are plain files under
 * {@link #objectFile}, which a test may damage.
 */
public final class S3TestServer implements AutoCloseable {
    public static final String ACCESS_KEY = "lifeboat-test";
    public static final String SECRET_KEY = "lifeboat-test-secret";

    private final S3Proxy proxy;
    private final Path root;

    public S3TestServer(Path root, String bucket) throws Exception {
        this.root = root;
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", root.toString());
        BlobStoreContext context = ContextBuilder.newBuilder("filesystem").credentials("identity", "credential")
                .overrides(props).build(BlobStoreContext.class);
        BlobStore store = context.getBlobStore();
        store.createContainerInLocation(null, bucket);
        proxy = S3Proxy.builder().blobStore(store).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        for (int i = 0; i < 200 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(25);
        }
    }

    /** Credentials for the SDK's default chain in this JVM (system properties come first in it). */
    public static void useCredentials() {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public Path objectFile(String bucket, String key) {
        return root.resolve(bucket).resolve(key);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
