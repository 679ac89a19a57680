package dev.lifeboat.core.schedule;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.destination.DestinationConfig;
import dev.lifeboat.core.destination.DestinationStore;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.notify.EmailSettings;
import dev.lifeboat.core.notify.Notifier;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.retention.RetentionPolicy;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.SampleData;
import dev.lifeboat.testsupport.TestDatabase;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A scheduled run copies each backup off-site, and a copy that fails fails the run and is mailed. */
@ExtendWith(PgExtension.class)
class ScheduledCopyTest {
    @TempDir
    Path folder;

    @TempDir
    Path config;

    @TempDir
    Path work;

    @Test
    void scheduledRunCopiesToTheAutomaticDestinationAndMailsWhenTheCopyFails(TestDatabase db) throws Exception {
        SampleData.create(db);
        Path remote = work.resolve("nas");
        new DestinationStore(folder).add(new DestinationConfig("nas", remote.toUri().toString(), null, null, null,
                null, true, null));
        ScheduleStore schedules = new ScheduleStore(config);
        schedules.put(new Schedule("nightly", "ledger", folder.toString(), "daily 02:30", null, true));
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        try {
            Notifier notifier = new Notifier(null, new EmailSettings("127.0.0.1", smtp.getSmtp().getPort(), "none",
                    "lifeboat@example.org", List.of("dba@example.org"), null), name -> null);
            ScheduledRun run = new ScheduledRun(schedules, name -> db.spec(), PgToolLocator.standard(null), notifier);

            DestinationStore ds = new DestinationStore(folder);
            ds.replace(ds.get("nas").withRetention(new RetentionPolicy(1, null, null, null, null, null)));
            run.run("nightly", ProgressListener.NONE, CancelToken.none());
            Thread.sleep(1100); // a second apart, so the two backups get distinct names and times
            String summary = run.run("nightly", ProgressListener.NONE, CancelToken.none());
            assertTrue(summary.contains("copied to nas") && summary.contains("pruned 1 at nas"), summary);
            try (Stream<Path> files = Files.list(remote)) {
                assertEquals(2, files.count(), "the newest backup and its roles file; the older copy was pruned there");
            }
            String id = schedules.lastRuns().get("nightly").backupId();
            assertTrue(new ManifestStore(folder).find(id).copyAt("nas").orElseThrow().isOk());

            try (Stream<Path> files = Files.list(remote)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(remote);
            Files.writeString(remote, "a file where the destination's folder was"); // the NAS mount went wrong
            LifeboatException e = assertThrows(LifeboatException.class,
                    () -> run.run("nightly", ProgressListener.NONE, CancelToken.none()));
            assertTrue(e.getMessage().contains("off-site copy failed"), e.getMessage());
            assertEquals("failed", schedules.lastRuns().get("nightly").outcome());

            assertTrue(smtp.waitForIncomingEmail(10_000, 1));
            MimeMessage m = smtp.getReceivedMessages()[0];
            assertTrue(m.getSubject().contains("the off-site copy of " + db.name() + " failed"), m.getSubject());
        } finally {
            smtp.stop();
        }
    }
}
