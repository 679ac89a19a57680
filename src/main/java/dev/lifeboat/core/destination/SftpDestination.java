package dev.lifeboat.core.destination;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.keyprovider.FileKeyPairProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpConstants;
import org.apache.sshd.sftp.common.SftpException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A folder on an SFTP server, through Apache MINA SSHD's client. Keys come from an identity file
 * or the usual ones in ~/.ssh; the server's host key must be in ~/.ssh/known_hosts, and an
 * unknown one is refused with its fingerprint, to be confirmed and added by the person. Uploads go
 * to a .partial name and are renamed once complete.
 */
final class SftpDestination implements Destination {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final String user;
    private final String host;
    private final int port;
    private final String folder;
    private final Path identity;
    private final Path sshFolder;
    private SshClient client;
    private ClientSession session;
    private SftpClient sftp;

    SftpDestination(DestinationConfig config, Path sshFolder) {
        URI u = config.uri();
        this.user = u.getUserInfo();
        this.host = u.getHost();
        this.port = u.getPort() > 0 ? u.getPort() : 22;
        String p = u.getPath() == null || u.getPath().isBlank() ? "." : u.getPath();
        this.folder = p.length() > 1 ? p.replaceAll("/+$", "") : p;
        this.identity = config.identity() == null ? null : Path.of(config.identity());
        this.sshFolder = sshFolder;
    }

    @Override
    public String describe() {
        return "sftp://" + user + "@" + host + (port == 22 ? "" : ":" + port) + folder;
    }

    /** A plain file name, or one folder and a file name in it (a directory backup's copy: NAME.dir/toc.dat). */
    private String path(String key) {
        String[] parts = key.split("/", -1);
        for (String part : parts) {
            if (parts.length > 2 || part.isEmpty() || part.equals("..") || part.equals(".")) {
                throw new LifeboatException(ErrorCode.USAGE, "The key '" + key + "' is not a plain file name.");
            }
        }
        return folder + "/" + key;
    }

    private synchronized SftpClient sftp() throws IOException {
        if (sftp != null) {
            return sftp;
        }
        List<Path> keys = new ArrayList<>();
        if (identity != null) {
            if (!Files.isReadable(identity)) {
                throw new LifeboatException(ErrorCode.USAGE, "The SSH identity file " + identity + " cannot be read.");
            }
            keys.add(identity);
        } else {
            DEFAULT_KEYS.stream().map(sshFolder::resolve).filter(Files::isReadable).forEach(keys::add);
        }
        AtomicReference<String> unknown = new AtomicReference<>();
        AtomicReference<String> changed = new AtomicReference<>();
        client = SshClient.setUpDefaultClient();
        KnownHostsServerKeyVerifier verifier = new KnownHostsServerKeyVerifier((s, address, key) -> {
            unknown.set(KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key));
            return false;
        }, sshFolder.resolve("known_hosts"));
        verifier.setModifiedServerKeyAcceptor((s, address, entry, expected, actual) -> {
            changed.set(KeyUtils.getKeyType(actual) + " " + KeyUtils.getFingerPrint(actual));
            return false;
        });
        client.setServerKeyVerifier(verifier);
        client.setKeyIdentityProvider(new FileKeyPairProvider(keys));
        client.start();
        try {
            session = client.connect(user, host, port).verify(TIMEOUT).getSession();
            session.auth().verify(TIMEOUT);
            sftp = SftpClientFactory.instance().createSftpClient(session);
            return sftp;
        } catch (IOException | RuntimeException e) {
            close();
            if (changed.get() != null) {
                throw new LifeboatException(ErrorCode.CONNECTION_FAILED, "The SSH server " + host + ":" + port
                        + " presented a host key (" + changed.get() + ") other than the one in "
                        + sshFolder.resolve("known_hosts") + ". Nothing was sent. This happens when the server was "
                        + "reinstalled, or when someone is in the middle: ask the server's administrator before "
                        + "replacing the line in known_hosts.", e);
            }
            if (unknown.get() != null) {
                throw new LifeboatException(ErrorCode.CONNECTION_FAILED, "The SSH server " + host + ":" + port
                        + " is not in " + sshFolder.resolve("known_hosts") + ", so Lifeboat did not trust it. Its host "
                        + "key fingerprint is " + unknown.get() + ". Confirm it with the server's administrator, then "
                        + "add the server to known_hosts (for example by connecting once with ssh).", e);
            }
            if (String.valueOf(e.getMessage()).toLowerCase().contains("auth")) {
                throw new LifeboatException(ErrorCode.AUTHENTICATION_FAILED, "The SSH server " + host + " refused "
                        + "the key" + (keys.isEmpty() ? " (none was found in " + sshFolder + ")" : "s " + keys)
                        + " for " + user + ". Give the destination an identity file the server accepts.", e);
            }
            throw new LifeboatException(ErrorCode.CONNECTION_FAILED, "Cannot connect to the SSH server " + host + ":"
                    + port + ": " + e.getMessage() + ". Check the host, the port and the network.", e);
        }
    }

    @Override
    public void put(Path file, String key, ProgressListener progress, CancelToken cancel) {
        String target = path(key);
        String partial = target + ".partial";
        try {
            SftpClient c = sftp();
            ensureFolder(c);
            String parent = target.substring(0, target.lastIndexOf('/'));
            if (!exists(c, parent)) {
                c.mkdir(parent); // the folder of a directory backup's copy
            }
            try (InputStream in = Files.newInputStream(file); OutputStream out = c.write(partial)) {
                Transfers.copy(in, out, Files.size(file), "Uploading to " + describe(), progress, cancel);
            }
            cancel.throwIfCancelled("The upload");
            if (exists(c, target)) {
                c.remove(target);
            }
            c.rename(partial, target);
        } catch (IOException | RuntimeException e) {
            removeQuietly(partial);
            throw Transfers.failure("Uploading " + file.getFileName(), describe(), e);
        }
    }

    /** Creates the destination's folder (and its parents) on the server when missing. */
    private void ensureFolder(SftpClient c) throws IOException {
        if (exists(c, folder)) {
            return;
        }
        StringBuilder path = new StringBuilder(folder.startsWith("/") ? "" : ".");
        for (String part : folder.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            path.append('/').append(part);
            if (!exists(c, path.toString())) {
                c.mkdir(path.toString());
            }
        }
    }

    private static boolean exists(SftpClient c, String p) throws IOException {
        try {
            c.stat(p);
            return true;
        } catch (SftpException e) {
            if (e.getStatus() == SftpConstants.SSH_FX_NO_SUCH_FILE) {
                return false;
            }
            throw e;
        }
    }

    private void removeQuietly(String p) {
        try {
            if (sftp != null && exists(sftp, p)) {
                sftp.remove(p);
            }
        } catch (IOException | RuntimeException ignored) {
            // the failure being reported matters more; the next upload overwrites the partial file
        }
    }

    @Override
    public Optional<RemoteObject> stat(String key) {
        try {
            SftpClient c = sftp();
            if (!exists(c, path(key))) {
                return Optional.empty();
            }
            return Optional.of(new RemoteObject(key, c.stat(path(key)).getSize()));
        } catch (IOException e) {
            throw Transfers.failure("Reading " + key, describe(), e);
        }
    }

    @Override
    public String readBackSha256(String key, ProgressListener progress, CancelToken cancel) {
        try {
            SftpClient c = sftp();
            long size = c.stat(path(key)).getSize();
            try (InputStream in = c.read(path(key))) {
                return Transfers.sha256(in, size, "Reading back " + key, progress, cancel);
            }
        } catch (IOException e) {
            throw Transfers.failure("Reading back " + key, describe(), e);
        }
    }

    @Override
    public void get(String key, Path target, ProgressListener progress, CancelToken cancel) {
        try {
            SftpClient c = sftp();
            long size = c.stat(path(key)).getSize();
            try (InputStream in = c.read(path(key)); OutputStream out = Files.newOutputStream(target)) {
                Transfers.copy(in, out, size, "Fetching from " + describe(), progress, cancel);
            }
        } catch (IOException e) {
            throw Transfers.failure("Fetching " + key, describe(), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            SftpClient c = sftp();
            if (exists(c, path(key))) {
                c.remove(path(key));
            }
        } catch (IOException e) {
            throw Transfers.failure("Deleting " + key, describe(), e);
        }
    }

    @Override
    public void removeFolder(String prefix) {
        try {
            SftpClient c = sftp();
            if (exists(c, path(prefix))) {
                c.rmdir(path(prefix));
            }
        } catch (IOException e) {
            throw Transfers.failure("Deleting " + prefix, describe(), e);
        }
    }

    @Override
    public List<RemoteObject> list() {
        try {
            List<RemoteObject> out = new ArrayList<>();
            if (!exists(sftp(), folder)) {
                return out;
            }
            for (SftpClient.DirEntry e : sftp().readDir(folder)) {
                if (e.getAttributes().isRegularFile()) {
                    out.add(new RemoteObject(e.getFilename(), e.getAttributes().getSize()));
                }
            }
            return out;
        } catch (IOException e) {
            throw Transfers.failure("Listing", describe(), e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (sftp != null) {
                sftp.close();
            }
            if (session != null) {
                session.close();
            }
            if (client != null) {
                client.stop();
            }
        } catch (IOException ignored) {
            // closing a connection that failed
        } finally {
            sftp = null;
            session = null;
            client = null;
        }
    }
}
