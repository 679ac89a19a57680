package dev.lifeboat.core.destination;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.testsupport.SftpTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An unknown SFTP server's key is shown, trusted only once confirmed, and then the destination works. */
class HostKeysTest {
    @TempDir
    Path work;

    @Test
    void anUnknownHostShowsItsFingerprintAndWorksOnceConfirmed() throws Exception {
        try (SftpTestServer server = new SftpTestServer(work, false)) {
            DestinationConfig config = new DestinationConfig("box", server.url("backups"), null, null, null, null, false, null);
            HostKeys.HostKey key = HostKeys.unknown(config, server.sshFolder()).orElseThrow();
            assertEquals(server.hostKeyFingerprint(), key.fingerprint());
            assertThrows(LifeboatException.class, () -> HostKeys.trust(config, "SHA256:somethingelse", server.sshFolder()));
            assertTrue(!Files.exists(server.sshFolder().resolve("known_hosts"))
                    || Files.readString(server.sshFolder().resolve("known_hosts")).isBlank(), "nothing trusted unconfirmed");

            HostKeys.trust(config, key.fingerprint(), server.sshFolder());
            assertTrue(HostKeys.unknown(config, server.sshFolder()).isEmpty(), "known now");
            try (Destination d = new SftpDestination(config, server.sshFolder())) {
                assertTrue(d.list().isEmpty());
            }
        }
    }

    @Test
    void aServerThatCannotBeReachedIsSaidInWordsNotInTheSshLibrarysOwn() throws Exception {
        DestinationConfig unknownHost = new DestinationConfig("x", "sftp://backup@no-such-host.invalid/srv", null, null,
                null, null, false, null);
        String said = assertThrows(LifeboatException.class, () -> HostKeys.unknown(unknownHost, work)).getMessage();
        assertTrue(said.contains("no-such-host.invalid:22: the host name is not known") && !said.contains("Future"), said);
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        DestinationConfig refused = new DestinationConfig("y", "sftp://backup@127.0.0.1:" + closed + "/srv", null, null,
                null, null, false, null);
        said = assertThrows(LifeboatException.class, () -> HostKeys.unknown(refused, work)).getMessage();
        assertTrue(said.contains("nothing answers on that port"), said);
    }
}
