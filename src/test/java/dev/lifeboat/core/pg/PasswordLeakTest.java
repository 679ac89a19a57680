package dev.lifeboat.core.pg;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A password given in the connection reaches pg_dump by environment only, never logs, files or argv. */
@ExtendWith(PgExtension.class)
class PasswordLeakTest {
    private static final String SECRET = "Sekr1t-Lifeboat-Pw";

    @Test
    void passwordNeverAppearsInLogsManifestOrChildCommandLines(TestDatabase db, TestServer server, @TempDir Path folder)
            throws Exception {
        String role = "lb_leak_" + ProcessHandle.current().pid();
        SampleData.create(db);
        SampleData.createLargeTable(db); // keeps pg_dump alive long enough to read its command line
        db.execute("DROP ROLE IF EXISTS " + role, "CREATE ROLE " + role + " LOGIN SUPERUSER PASSWORD '" + SECRET + "'");
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.classic.Level before = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
        root.setLevel(ch.qos.logback.classic.Level.DEBUG);
        List<String> commandLines = new ArrayList<>();
        try {
            assumeTrue(server.requirePassword(role), "needs a server whose pg_hba.conf the tests own");
            ConnectionSpec spec = new ConnectionSpec("127.0.0.1", db.spec().port(), db.name(), role, SECRET, Map.of());
            new BackupService(new ManifestStore(folder), PgToolLocator.standard(null)).create(BackupRequest.of(spec, "leak"),
                    (d, t, m) -> ProcessHandle.current().descendants().forEach(p ->
                            p.info().commandLine().ifPresent(commandLines::add)), CancelToken.none());
        } finally {
            root.detachAppender(logs);
            root.setLevel(before);
            db.execute("DROP ROLE IF EXISTS " + role);
        }
        assertFalse(commandLines.isEmpty(), "pg_dump's command line should have been seen");
        assertTrue(commandLines.stream().anyMatch(c -> c.contains("pg_dump")), commandLines.toString());
        commandLines.forEach(c -> assertFalse(c.contains(SECRET), c));
        assertFalse(logs.list.isEmpty());
        logs.list.forEach(e -> assertFalse(e.getFormattedMessage().contains(SECRET), e.getFormattedMessage()));
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                assertFalse(new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1).contains(SECRET), f.toString());
            }
        }
    }
}
