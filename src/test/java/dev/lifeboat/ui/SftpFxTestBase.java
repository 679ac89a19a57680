package dev.lifeboat.ui;

import dev.lifeboat.testsupport.SftpTestServer;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The app's start-up with an in-process SFTP server whose host key is not known yet, started before
 * the app (which reads where its known hosts live) and stopped after it.
 */
abstract class SftpFxTestBase extends FxTestBase {
    @TempDir
    protected Path work;

    protected SftpTestServer sftp;

    @Override
    protected void beforeApp() throws Exception {
        sftp = new SftpTestServer(work, false);
        System.setProperty("lifeboat.ssh.dir", sftp.sshFolder().toString());
    }

    @Override
    protected void afterApp() throws Exception {
        System.clearProperty("lifeboat.ssh.dir");
        sftp.close();
    }
}
