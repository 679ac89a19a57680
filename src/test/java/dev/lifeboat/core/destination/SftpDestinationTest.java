package dev.lifeboat.core.destination;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SftpTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Copies to a real SFTP server (MINA SSHD) with a key and a checked host key. */
@ExtendWith(PgExtension.class)
class SftpDestinationTest extends DirectoryCopyContract {
    @TempDir
    Path work;

    private SftpTestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new SftpTestServer(work, true); // the destination's folder does not exist yet: the first upload makes it
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Override
    DestinationConfig config() {
        return new DestinationConfig(NAME, server.url("backups/ledger"), null, null, null, null, true, null);
    }

    @Override
    Destination open(DestinationConfig config) {
        return new SftpDestination(config, server.sshFolder());
    }

    @Override
    void damage(String key) throws Exception {
        FileDestinationTest.flip(server.files().resolve("backups/ledger").resolve(key));
    }

    @Test
    void changedHostKeyIsRefusedAndNothingIsSent() throws Exception {
        Path known = server.sshFolder().resolve("known_hosts");
        String line = Files.readString(known);
        String otherKey = org.apache.sshd.common.config.keys.PublicKeyEntry.toString(
                org.apache.sshd.common.config.keys.KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256).getPublic());
        Files.writeString(known, line.substring(0, line.indexOf(' ') + 1) + otherKey + "\n");
        Path file = work.resolve("x.dump");
        Files.writeString(file, "data");
        try (Destination d = open(config())) {
            LifeboatException e = assertThrows(LifeboatException.class, () -> d.put(file, "x.dump",
                    dev.lifeboat.core.ProgressListener.NONE, dev.lifeboat.core.CancelToken.none()));
            assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
            assertTrue(e.getMessage().contains(server.hostKeyFingerprint()) && e.getMessage().contains("other than"),
                    e.getMessage());
        }
        assertTrue(Files.notExists(server.files().resolve("backups/ledger/x.dump")));
    }

    @Test
    void unknownHostIsRefusedWithItsFingerprint() throws Exception {
        Files.delete(server.sshFolder().resolve("known_hosts"));
        try (Destination d = open(config())) {
            LifeboatException e = assertThrows(LifeboatException.class, d::list);
            assertEquals(ErrorCode.CONNECTION_FAILED, e.code());
            assertTrue(e.getMessage().contains(server.hostKeyFingerprint()), e.getMessage());
        }
    }
}
