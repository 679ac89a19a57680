package dev.lifeboat.core.destination;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.SafeFiles;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The host key of an SFTP destination's server, for the person to confirm before it is trusted:
 * Lifeboat never trusts a host on first use by itself. Confirming appends the key to known_hosts,
 * as connecting once with ssh would.
 */
public final class HostKeys {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    /** An unknown server's key: where, its type and fingerprint (what the person compares), its known_hosts line. */
    public record HostKey(String host, int port, String type, String fingerprint, String knownHostsLine) {
    }

    private HostKeys() {
    }

    /** The server's key when known_hosts does not hold it yet, else empty; only SFTP destinations have one. */
    public static Optional<HostKey> unknown(DestinationConfig config, Path sshFolder) {
        if (config.kind() != DestinationConfig.Kind.SFTP) {
            return Optional.empty();
        }
        URI u = config.uri();
        int port = u.getPort() > 0 ? u.getPort() : 22;
        AtomicReference<HostKey> seen = new AtomicReference<>();
        try (SshClient client = SshClient.setUpDefaultClient()) {
            client.setServerKeyVerifier(new KnownHostsServerKeyVerifier((s, address, key) -> {
                String entry = PublicKeyEntry.toString(key);
                String where = port == 22 ? u.getHost() : "[" + u.getHost() + "]:" + port;
                seen.set(new HostKey(u.getHost(), port, KeyUtils.getKeyType(key), KeyUtils.getFingerPrint(key),
                        where + " " + entry));
                return false; // only looking: nothing is sent to an unconfirmed server
            }, sshFolder.resolve("known_hosts")));
            client.start();
            AtomicReference<Object> accepted = new AtomicReference<>();
            try (ClientSession session = client.connect(u.getUserInfo(), u.getHost(), port).verify(TIMEOUT).getSession()) {
                try {
                    // The key exchange runs the verifier; no key or password is offered, so the login itself fails.
                    session.auth().verify(TIMEOUT);
                } catch (IOException | RuntimeException e) {
                    accepted.set(session.getServerKey());
                }
            } catch (IOException | RuntimeException e) {
                if (seen.get() == null && accepted.get() == null) {
                    throw new LifeboatException(ErrorCode.CONNECTION_FAILED, "Cannot reach the SSH server " + u.getHost()
                            + ":" + port + ": " + why(e) + ". Check the host, the port and the network.", e);
                }
            }
            if (seen.get() == null && accepted.get() == null) {
                throw new LifeboatException(ErrorCode.CONNECTION_FAILED, "The SSH server " + u.getHost() + ":" + port
                        + " showed no host key. Check the host and the port.");
            }
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.CONNECTION_FAILED, "Cannot reach the SSH server " + u.getHost() + ":"
                    + port + ": " + why(e) + ". Check the host, the port and the network.", e);
        }
        return Optional.ofNullable(seen.get());
    }

    /**
     * Trusts the server's key the person confirmed: it is fetched again and must still have the
     * fingerprint shown, so a key swapped in between is not trusted.
     */
    public static void trust(DestinationConfig config, String confirmedFingerprint, Path sshFolder) {
        HostKey now = unknown(config, sshFolder).orElse(null);
        if (now == null) {
            return; // known already
        }
        if (!now.fingerprint().equals(confirmedFingerprint)) {
            throw new LifeboatException(ErrorCode.CONNECTION_FAILED, "The SSH server " + now.host() + ":" + now.port()
                    + " now shows the key " + now.fingerprint() + ", not the " + confirmedFingerprint
                    + " that was confirmed. Nothing was trusted: ask the server's administrator.");
        }
        try {
            SafeFiles.ensureFolder(sshFolder);
            Path known = sshFolder.resolve("known_hosts");
            String before = Files.isRegularFile(known) ? Files.readString(known) : "";
            String line = (before.isEmpty() || before.endsWith("\n") ? "" : "\n") + now.knownHostsLine() + "\n";
            Files.writeString(known, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot add the server to " + sshFolder.resolve("known_hosts")
                    + ": " + e.getMessage(), e);
        }
    }

    /** Why a connection failed, in words; the SSH library's own text (DefaultConnectFuture[…]) goes to the log. */
    static String why(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
                return "the host name is not known (check its spelling and the DNS)";
            }
            if (t instanceof java.net.ConnectException) {
                return "nothing answers on that port (connection refused)";
            }
            if (t instanceof java.net.NoRouteToHostException) {
                return "there is no route to the host";
            }
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.util.concurrent.TimeoutException) {
                return "no answer in time";
            }
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
