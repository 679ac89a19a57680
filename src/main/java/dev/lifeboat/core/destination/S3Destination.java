package dev.lifeboat.core.destination;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.util.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * An S3-compatible bucket (AWS, MinIO, Ceph, R2, B2, Garage) through the AWS SDK v2 and its
 * URL-connection HTTP client. Credentials come from the SDK's default chain only. The SDK's own
 * checksums are sent and checked only where the operation requires them, which the other stores
 * accept; a single-part upload carries the SHA-256 Lifeboat computed in a plain header, so a store
 * that supports it refuses a damaged upload and keeps a full-object SHA-256 the copy can be checked
 * against without reading it back (decision 010). Large files go up in parts, and a failed or
 * cancelled upload is aborted so that no part is left billed in the bucket.
 */
final class S3Destination implements Destination {
    private static final Logger LOG = LoggerFactory.getLogger(S3Destination.class);
    static final long DEFAULT_PART_SIZE = 64L << 20;

    private final String bucket;
    private final String prefix;
    private final S3Client s3;
    private final long partSize;
    /**
     * Stores (endpoint and bucket) that failed an upload carrying the SHA-256 header (S3Proxy answers
     * 501), for the life of the process: no header for them, and their copies are read back.
     */
    private static final java.util.Set<String> REFUSING_CHECKSUMS = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final String store;

    S3Destination(DestinationConfig config, long partSize) {
        URI u = config.uri();
        this.bucket = u.getHost();
        this.store = config.endpoint() + "|" + bucket;
        String p = u.getPath() == null ? "" : u.getPath().replaceAll("^/+", "").replaceAll("/+$", "");
        this.prefix = p.isEmpty() ? "" : p + "/";
        this.partSize = Math.max(5L << 20, partSize);
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .region(region(config.region()))
                .forcePathStyle(config.pathStyleOrFalse())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (config.endpoint() != null && !config.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(config.endpoint()));
        }
        this.s3 = builder.build();
    }

    private static Region region(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Region.of(configured);
        }
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            return Region.US_EAST_1; // stores other than AWS accept any region; AWS redirects to the right one
        }
    }

    @Override
    public String describe() {
        return "s3://" + bucket + "/" + prefix;
    }

    private String objectKey(String key) {
        return prefix + key;
    }

    @Override
    public void put(Path file, String key, ProgressListener progress, CancelToken cancel) {
        put(file, key, null, progress, cancel);
    }

    @Override
    public void put(Path file, String key, String sha256, ProgressListener progress, CancelToken cancel) {
        try {
            long size = Files.size(file);
            if (size <= partSize) {
                cancel.throwIfCancelled("The upload");
                progress.progress(0, size, "Uploading to " + describe());
                // S3 keeps a full-object SHA-256 only for single-part uploads (multipart SHA-256 is composite).
                putWhole(file, key, size, sha256 == null || REFUSING_CHECKSUMS.contains(store) ? null
                        : Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)));
                progress.progress(size, size, "Uploaded " + Sizes.bytes(size));
            } else {
                multipart(file, size, objectKey(key), progress, cancel);
            }
        } catch (IOException | SdkException e) {
            throw Transfers.failure("Uploading " + file.getFileName(), describe(), e);
        }
    }

    private void putWhole(Path file, String key, long size, String checksum) {
        try {
            s3.putObject(b -> b.bucket(bucket).key(objectKey(key)).contentLength(size).checksumSHA256(checksum),
                    RequestBody.fromFile(file));
        } catch (SdkException e) {
            if (checksum == null) {
                throw e;
            }
            // A store that does not implement the header answers 501 or 400, or drops the connection
            // before the body is sent; a damaged upload is refused too (BadDigest). Either way the upload
            // is made again without the header, and the copy is then checked by reading it back.
            REFUSING_CHECKSUMS.add(store);
            LOG.info("{} refused an upload carrying its SHA-256 ({}); uploading again without it, the copy is then "
                    + "read back", describe(), e.getMessage());
            s3.putObject(b -> b.bucket(bucket).key(objectKey(key)).contentLength(size), RequestBody.fromFile(file));
        }
    }

    private void multipart(Path file, long size, String objectKey, ProgressListener progress, CancelToken cancel)
            throws IOException {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(objectKey)).uploadId();
        boolean done = false;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            long sent = 0;
            for (int number = 1; sent < size; number++) {
                cancel.throwIfCancelled("The upload");
                final long offset = sent;
                final long n = Math.min(partSize, size - sent);
                final int partNumber = number;
                // Each part is read from the file where it lies, once per attempt (a retry, the signature):
                // no part is held in memory.
                RequestBody part = RequestBody.fromContentProvider(() -> slice(file, offset, n), n,
                        "application/octet-stream");
                UploadPartResponse r = s3.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(n), part);
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(r.eTag()).build());
                sent += n;
                progress.progress(sent, size, "Uploading to " + describe() + ": " + Sizes.bytes(sent) + " of "
                        + Sizes.bytes(size));
            }
            cancel.throwIfCancelled("The upload");
            s3.completeMultipartUpload(CompleteMultipartUploadRequest.builder().bucket(bucket).key(objectKey)
                    .uploadId(uploadId).multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()).build());
            done = true;
        } finally {
            if (!done) {
                abort(objectKey, uploadId);
            }
        }
    }

    /** The bytes [offset, offset + length) of the file as a stream. */
    private static InputStream slice(Path file, long offset, long length) {
        try {
            FileChannel ch = FileChannel.open(file, StandardOpenOption.READ).position(offset);
            InputStream whole = Channels.newInputStream(ch);
            return new FilterInputStream(whole) {
                private long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = super.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(buf, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void abort(String objectKey, String uploadId) {
        try {
            s3.abortMultipartUpload(AbortMultipartUploadRequest.builder().bucket(bucket).key(objectKey)
                    .uploadId(uploadId).build());
            LOG.info("Aborted the unfinished upload of {} to {}", objectKey, describe());
        } catch (SdkException e) {
            LOG.warn("Could not abort the unfinished upload {} of {} (the bucket's lifecycle rule for incomplete "
                    + "uploads removes it): {}", uploadId, objectKey, e.getMessage());
        }
    }

    @Override
    public Optional<RemoteObject> stat(String key) {
        try {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(objectKey(key)));
            return Optional.of(new RemoteObject(key, h.contentLength()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw Transfers.failure("Reading " + key, describe(), e);
        } catch (SdkException e) {
            throw Transfers.failure("Reading " + key, describe(), e);
        }
    }

    @Override
    public Optional<String> storedSha256(String key) {
        if (REFUSING_CHECKSUMS.contains(store)) {
            return Optional.empty();
        }
        try {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(objectKey(key)).checksumMode(ChecksumMode.ENABLED));
            String b64 = h.checksumSHA256();
            // A composite (per-part) checksum is "base64-N" and says nothing about the whole object.
            if (b64 == null || b64.contains("-") || (h.checksumType() != null && h.checksumType() != ChecksumType.FULL_OBJECT)) {
                return Optional.empty();
            }
            return Optional.of(HexFormat.of().formatHex(Base64.getDecoder().decode(b64)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not base64: a store's own format, not a checksum we can use
        } catch (SdkException e) {
            throw Transfers.failure("Reading the checksum of " + key, describe(), e);
        }
    }

    @Override
    public String readBackSha256(String key, ProgressListener progress, CancelToken cancel) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(objectKey(key)))) {
            return Transfers.sha256(in, in.response().contentLength(), "Reading back " + key, progress, cancel);
        } catch (NoSuchKeyException e) {
            throw new LifeboatException(ErrorCode.ARCHIVE_DAMAGED, "The copy " + key + " is missing at " + describe() + ".", e);
        } catch (IOException | SdkException e) {
            throw Transfers.failure("Reading back " + key, describe(), e);
        }
    }

    @Override
    public void get(String key, Path target, ProgressListener progress, CancelToken cancel) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(objectKey(key)));
             OutputStream out = Files.newOutputStream(target)) {
            Transfers.copy(in, out, in.response().contentLength(), "Fetching from " + describe(), progress, cancel);
        } catch (NoSuchKeyException e) {
            throw new LifeboatException(ErrorCode.BACKUP_NOT_FOUND, "The copy " + key + " is missing at " + describe()
                    + ".", e);
        } catch (IOException | SdkException e) {
            throw Transfers.failure("Fetching " + key, describe(), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(objectKey(key)));
        } catch (SdkException e) {
            throw Transfers.failure("Deleting " + key, describe(), e);
        }
    }

    @Override
    public List<RemoteObject> list() {
        try {
            List<RemoteObject> out = new ArrayList<>();
            for (S3Object o : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()) {
                String k = o.key().substring(prefix.length());
                if (!k.isEmpty() && !k.contains("/")) {
                    out.add(new RemoteObject(k, o.size()));
                }
            }
            return out;
        } catch (SdkException e) {
            throw Transfers.failure("Listing", describe(), e);
        }
    }

    /** Multipart uploads started and not finished under the prefix; a test checks none is left. */
    List<String> unfinishedUploads() {
        return s3.listMultipartUploads(b -> b.bucket(bucket).prefix(prefix)).uploads().stream()
                .map(u -> u.key()).toList();
    }

    @Override
    public void close() {
        s3.close();
    }
}
