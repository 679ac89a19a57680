package dev.lifeboat.testsupport;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;

/**
 * A real SFTP server in-process (MINA SSHD) serving a folder, accepting one client key, and an
 * ~/.ssh-like folder for the client: that key as id_ecdsa and, unless asked otherwise, the
 * server's host key in known_hosts.
 */
public final class SftpTestServer implements AutoCloseable {
    private final SshServer sshd;
    private final Path files;
    private final Path sshFolder;
    private final PublicKey hostKey;

    public SftpTestServer(Path work, boolean hostKnown) throws Exception {
        files = Files.createDirectories(work.resolve("served"));
        sshFolder = Files.createDirectories(work.resolve("ssh"));
        KeyPair client = KeyUtils.generateKeyPair(CLIENT_KEY_TYPE, 256);
        try (OutputStream out = Files.newOutputStream(sshFolder.resolve("id_ecdsa"))) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(client, "lifeboat-test", null, out);
        }
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        SimpleGeneratorHostKeyProvider hostKeys = new SimpleGeneratorHostKeyProvider(work.resolve("host.ser"));
        sshd.setKeyPairProvider(hostKeys);
        sshd.setPublickeyAuthenticator((user, key, session) -> "backup".equals(user)
                && KeyUtils.compareKeys(key, client.getPublic()));
        sshd.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(files));
        sshd.start();
        hostKey = hostKeys.loadKeys(null).iterator().next().getPublic();
        if (hostKnown) {
            Files.writeString(sshFolder.resolve("known_hosts"), "[127.0.0.1]:" + sshd.getPort() + " "
                    + PublicKeyEntry.toString(hostKey) + "\n");
        }
    }

    private static final String CLIENT_KEY_TYPE = "ecdsa-sha2-nistp256";

    /** sftp://backup@127.0.0.1:PORT/PATH */
    public String url(String path) {
        return "sftp://backup@127.0.0.1:" + sshd.getPort() + "/" + path;
    }

    /** The folder the server serves; sftp path /x is files()/x. */
    public Path files() {
        return files;
    }

    public Path sshFolder() {
        return sshFolder;
    }

    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostKey);
    }

    @Override
    public void close() throws Exception {
        sshd.stop(true);
    }
}
