package dev.lifeboat.core.verify;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.recovery.JournalLine;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A full verify's scratch database made on the connection the CLI opens while it reads the command line
 * (decision 011, session 14): journalled before it exists, the one the verify restores into, and dropped
 * with its intent ended when no verify of that folder and server claims it.
 */
@ExtendWith(PgExtension.class)
class EarlyScratchTest {
    @TempDir
    Path folder;

    @TempDir
    Path elsewhere;

    private final PgToolLocator tools = PgToolLocator.standard(null);

    private BackupEntry backup(TestDatabase db) {
        db.execute("CREATE TABLE items (id int PRIMARY KEY, name text)",
                "INSERT INTO items SELECT g, md5(g::text) FROM generate_series(1, 200) g");
        return new BackupService(new ManifestStore(folder), tools).create(BackupRequest.of(db.spec(), "early scratch"),
                ProgressListener.NONE, CancelToken.none());
    }

    private VerifyReport fullVerify(BackupEntry e, ConnectionSpec server) {
        return new VerifyService(new ManifestStore(folder), tools).verify(e.id(), VerifyDepth.FULL, server,
                ProgressListener.NONE, CancelToken.none());
    }

    /** The databases created while {@code work} ran, from the log line {@link Databases#create} writes. */
    private static List<String> createdDuring(Runnable work) {
        Logger log = (Logger) LoggerFactory.getLogger(Databases.class);
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        Level level = log.getLevel();
        log.setLevel(Level.INFO); // the line is at INFO, below what tests log
        log.addAppender(events);
        try {
            work.run();
        } finally {
            log.detachAppender(events);
            log.setLevel(level);
        }
        return events.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("Created database "))
                .map(m -> m.substring("Created database ".length())).toList();
    }

    /** The scratch databases the folder's journal names, in order. */
    private static List<String> scratchNames(Path in) {
        return new Journal(in).operations().values().stream().flatMap(List::stream).map(JournalLine::database)
                .filter(Objects::nonNull).filter(d -> d.startsWith("lifeboat_verify_")).distinct().toList();
    }

    private static boolean journalOpen(Path in) {
        return new Journal(in).operations().values().stream()
                .anyMatch(lines -> !"end".equals(lines.get(lines.size() - 1).event()));
    }

    private static String madeBefore(Path in, ConnectionSpec server) throws Exception {
        try (Connection c = Databases.maintenance(server)) {
            VerifyService.scratchBeforeVerify(in, server, c);
        }
        List<String> names = scratchNames(in);
        assertEquals(1, names.size(), "journalled: " + names);
        return names.get(0);
    }

    @Test
    void aScratchMadeWhileTheCommandLineIsReadIsTheOneTheVerifyRestoresInto(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        ConnectionSpec server = db.server().admin();
        String made = madeBefore(folder, server);
        assertTrue(db.server().databaseExists(made), "made at once");

        VerifyReport[] report = new VerifyReport[1];
        List<String> created = createdDuring(() -> report[0] = fullVerify(e, server));

        assertTrue(report[0].passed(), report[0].checks().toString());
        assertEquals(List.of(), created, "no second scratch database");
        assertFalse(db.server().databaseExists(made), "dropped after the test restore");
        assertFalse(journalOpen(folder), "its intent is ended");
    }

    @Test
    void oneNoVerifyClaimsIsDroppedWithItsIntentEnded(TestDatabase db) throws Exception {
        String made = madeBefore(folder, db.server().admin());

        VerifyService.dropUnclaimedScratch();

        assertFalse(db.server().databaseExists(made));
        assertFalse(journalOpen(folder), "recover has nothing to do");
    }

    @Test
    void oneMadeForAnotherFolderIsDroppedAndTheVerifyMakesItsOwn(TestDatabase db) throws Exception {
        BackupEntry e = backup(db);
        ConnectionSpec server = db.server().admin();
        String other = madeBefore(elsewhere, server);

        VerifyReport[] report = new VerifyReport[1];
        List<String> created = createdDuring(() -> report[0] = fullVerify(e, server));

        assertTrue(report[0].passed(), report[0].checks().toString());
        assertFalse(db.server().databaseExists(other));
        assertFalse(journalOpen(elsewhere));
        assertEquals(1, created.size(), "its own: " + created);
        assertFalse(db.server().databaseExists(created.get(0)));
        assertFalse(journalOpen(folder));
    }
}
