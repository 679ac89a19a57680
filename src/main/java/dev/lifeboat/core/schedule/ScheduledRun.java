package dev.lifeboat.core.schedule;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.destination.CopyService;
import dev.lifeboat.core.destination.DestinationConfig;
import dev.lifeboat.core.destination.DestinationStore;
import dev.lifeboat.core.destination.RemotePruneService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.notify.Notifier;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.retention.PruneResult;
import dev.lifeboat.core.retention.PruneService;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.VerifyReport;
import dev.lifeboat.core.verify.VerifyService;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What a scheduler starts: back up (tagged scheduled), optionally verify, optionally prune; record
 * the outcome for the app and for health; notify on failure.
 */
public final class ScheduledRun {
    private final ScheduleStore schedules;
    private final Function<String, ConnectionSpec> resolve;
    private final PgToolLocator tools;
    private final Notifier notifier;

    public ScheduledRun(ScheduleStore schedules, Function<String, ConnectionSpec> resolve, PgToolLocator tools,
                        Notifier notifier) {
        this.schedules = schedules;
        this.resolve = resolve;
        this.tools = tools;
        this.notifier = notifier;
    }

    /** The database a schedule backs up, for the notification's subject; its connection text when unresolvable. */
    private String databaseOf(Schedule s) {
        try {
            return resolve.apply(s.connection()).database();
        } catch (RuntimeException e) {
            return s.connection();
        }
    }

    public String run(String name, ProgressListener progress, CancelToken cancel) {
        Schedule s = schedules.find(name).orElseThrow(() -> new LifeboatException(ErrorCode.USAGE,
                "There is no schedule named '" + name + "'.", Remedy.LIST_SCHEDULES, null));
        String started = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
        ManifestStore store = new ManifestStore(Path.of(s.folder()));
        String backupId = null;
        String failedStep = null;
        try {
            BackupEntry e = new BackupService(store, tools).create(new BackupRequest(resolve.apply(s.connection()),
                    "Scheduled backup (" + s.name() + ")", List.of("scheduled"), false, true).withJobs(s.jobs()), progress, cancel);
            backupId = e.id();
            StringBuilder summary = new StringBuilder("backup " + e.id());
            if (s.verifyDepth() != null && !s.verifyDepth().isBlank()) {
                VerifyReport r = new VerifyService(store, tools).verify(e.id(), VerifyDepth.parse(s.verifyDepth()), null,
                        progress, cancel);
                if (r.notRun()) {
                    // Not a failed backup: no failure notification, and the run's message says why.
                    summary.append(", could not verify (").append(r.notRunReason()).append(")");
                } else if (!r.passed()) {
                    throw new LifeboatException(ErrorCode.VERIFY_FAILED, "The scheduled backup " + e.id()
                            + " failed its " + r.depth().label() + " verification: " + r.failures().stream()
                            .map(c -> c.name()).toList());
                } else {
                    summary.append(", verified (").append(r.depth().label()).append(")");
                }
            }
            List<String> copyFailures = new ArrayList<>();
            for (CopyService.CopyOutcome o : new CopyService(store).copyToAll(e.id(), List.of(), progress, cancel)) {
                if (o.failure() == null) {
                    summary.append(", copied to ").append(o.destination());
                } else {
                    copyFailures.add(o.destination() + ": " + o.failure().getMessage());
                }
            }
            if (!copyFailures.isEmpty()) {
                failedStep = "copy-failed";
                throw new LifeboatException(ErrorCode.VERIFY_FAILED, "The scheduled backup " + e.id() + " was taken "
                        + "but its off-site copy failed: " + String.join("; ", copyFailures));
            }
            if (s.prune()) {
                PruneResult p = new PruneService(store).prune(false, OffsetDateTime.now());
                summary.append(", pruned ").append(p.deleted().size());
                for (DestinationConfig d : new DestinationStore(store.folder()).all()) {
                    if (d.retention() != null) {
                        int gone = new RemotePruneService(store).prune(d.name(), false, OffsetDateTime.now()).deleted().size();
                        summary.append(", pruned ").append(gone).append(" at ").append(d.name());
                    }
                }
            }
            schedules.recordRun(name, new ScheduleStore.LastRun(started, OffsetDateTime.now().toString(), "succeeded",
                    summary.toString(), backupId));
            return summary.toString();
        } catch (LifeboatException e) {
            schedules.recordRun(name, new ScheduleStore.LastRun(started, OffsetDateTime.now().toString(), "failed",
                    e.getMessage(), backupId));
            notifier.send(failedStep != null ? failedStep
                            : e.code() == ErrorCode.VERIFY_FAILED ? "verification-failed" : "scheduled-backup-failed",
                    "Lifeboat schedule '" + name + "' failed: " + e.getMessage(),
                    Map.of("schedule", name, "database", databaseOf(s), "folder", s.folder(), "error", e.code().name()));
            throw e;
        }
    }
}
