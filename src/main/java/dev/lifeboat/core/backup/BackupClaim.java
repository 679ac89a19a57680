package dev.lifeboat.core.backup;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.crypto.AgeKeys;
import dev.lifeboat.core.manifest.BackupFileNames;
import dev.lifeboat.core.manifest.GlobalsInfo;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.ServerInfo;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.util.LogContext;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A backup's files, claimed once pg_dump runs (before, for pg_dump -Fd, which writes them itself):
 * the manifest found readable, the journal's intent naming the files, the partial file created,
 * the roles saved beside it on another thread. Released whatever happened.
 */
final class BackupClaim {
    private final ManifestStore store;
    private final BackupFileClaim files;
    private final DumpWriter writer;
    private final BackupRequest request;
    private final ServerInfo server;
    private final OffsetDateTime now;
    private final CompletableFuture<?> manifestReadable;
    private final CancelToken cancel;
    private Journal.Intent intent;
    Path finalFile;
    Path partial;
    List<String> recipients = List.of();
    CompletableFuture<GlobalsInfo> globalsJob = CompletableFuture.completedFuture(null);

    BackupClaim(ManifestStore store, BackupFileClaim files, DumpWriter writer, BackupRequest request, ServerInfo server,
                OffsetDateTime now, CompletableFuture<?> manifestReadable, CancelToken cancel) {
        this.store = store;
        this.files = files;
        this.writer = writer;
        this.request = request;
        this.server = server;
        this.now = now;
        this.manifestReadable = manifestReadable;
        this.cancel = cancel;
    }

    DumpWriter.Output make() throws IOException {
        BackupService.join(manifestReadable);
        cancel.throwIfCancelled("The backup");
        ConnectionSpec conn = request.connection();
        recipients = request.encryptTo().isEmpty() ? AgeKeys.folderRecipients(store.folder()) : request.encryptTo();
        intent = new Journal(store.folder()).begin("backup");
        if (request.parallel()) {
            intent.sessions(conn); // pg_dump -Fd's workers write files themselves: a kill must stop them
        }
        finalFile = files.claimFile(conn.database(), now, intent, request.parallel() ? BackupFileNames.DIRECTORY_SUFFIX
                : recipients.isEmpty() ? ".dump" : ".dump.age");
        partial = BackupFileClaim.partialOf(finalFile);
        // Roles are small and independent of the snapshot: save them while pg_dump runs.
        if (request.includeGlobals()) {
            Path dumpFile = finalFile;
            List<String> to = recipients;
            globalsJob = CompletableFuture.supplyAsync(LogContext.carried(
                    () -> writer.saveGlobals(conn, server, dumpFile, to, cancel)));
        }
        return new DumpWriter.Output(partial, recipients);
    }

    /** Removes the partial file, and the roles file of a backup that did not complete; ends the intent. */
    void release(boolean complete) throws IOException {
        try {
            if (partial != null) {
                SafeFiles.deleteRecursively(partial);
            }
            if (!complete && finalFile != null) {
                globalsJob.handle((g, e) -> null).join(); // let it finish before removing what it wrote
                Files.deleteIfExists(BackupFileClaim.globalsFile(finalFile));
            }
        } finally {
            if (intent != null) {
                intent.end();
            }
        }
    }
}
