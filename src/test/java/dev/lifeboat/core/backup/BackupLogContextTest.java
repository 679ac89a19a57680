package dev.lifeboat.core.backup;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A backup's log lines carry its operation id, also those written on the helper threads beside pg_dump. */
@ExtendWith(PgExtension.class)
class BackupLogContextTest {
    @TempDir
    Path folder;

    @Test
    void helperThreadsLinesCarryTheOperationId(TestDatabase db) {
        SampleData.create(db);
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // Thread name and MDC are read when the event is logged, not later (logback reads them lazily).
        ListAppender<ILoggingEvent> events = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent e) {
                e.prepareForDeferredProcessing();
                super.append(e);
            }
        };
        events.start();
        root.addAppender(events);
        ch.qos.logback.classic.Level level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.INFO); // the tests log warnings only
        String caller = Thread.currentThread().getName();
        MDC.put("op", "backup-test-op");
        try {
            new BackupService(new ManifestStore(folder), PgToolLocator.standard(null))
                    .create(BackupRequest.of(db.spec(), "log context"), ProgressListener.NONE, CancelToken.none());
        } finally {
            MDC.remove("op");
            root.detachAppender(events);
            root.setLevel(level);
        }
        List<ILoggingEvent> elsewhere = events.list.stream().filter(e -> !e.getThreadName().equals(caller)).toList();
        assertFalse(elsewhere.isEmpty(), "some lines come from helper threads (pg_dumpall's run, stderr pumps)");
        assertTrue(elsewhere.stream().allMatch(e -> "backup-test-op".equals(e.getMDCPropertyMap().get("op"))),
                "every helper thread's line carries the operation: " + elsewhere.stream()
                        .filter(e -> !"backup-test-op".equals(e.getMDCPropertyMap().get("op")))
                        .map(e -> e.getThreadName() + ": " + e.getFormattedMessage()).toList());
    }
}
