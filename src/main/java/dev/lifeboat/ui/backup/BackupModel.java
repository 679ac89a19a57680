package dev.lifeboat.ui.backup;

import dev.lifeboat.core.backup.BackupRequest;
import dev.lifeboat.core.backup.BackupService;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.OperationModel;
import dev.lifeboat.ui.common.OperationTask;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** Backups started from the app: the password asked when the server needs one, the entry made last. */
import java.util.List;

public final class BackupModel extends OperationModel {
    private final ReadOnlyObjectWrapper<BackupEntry> last = new ReadOnlyObjectWrapper<>();

    public BackupModel(AppContext ctx) {
        super(ctx);
    }

    /** The backup the last finished operation made. */
    public ReadOnlyObjectProperty<BackupEntry> lastBackupProperty() {
        return last.getReadOnlyProperty();
    }

    /** Starts the backup through the executor (call on the FX thread), copied to the automatic destinations. */
    public OperationTask<BackupEntry> start(BackupRequest r) {
        return start(r, null);
    }

    /**
     * Starts the backup through the executor (call on the FX thread).
     * @param copyTo the destinations to copy to afterwards; null: the folder's automatic ones; empty: none
     */
    public OperationTask<BackupEntry> start(BackupRequest r, List<String> copyTo) {
        ManifestStore store = ctx.manifest().store();
        PgToolLocator tools = ctx.tools();
        List<String> copyFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
        OperationTask<BackupEntry> t = new OperationTask<>("Backup of " + r.connection().database(),
                (p, c) -> ctx.credentials().withConnection(r.connection(), (spec, opened) -> {
                    BackupEntry entry = new BackupService(store, tools).create(new BackupRequest(spec, r.description(),
                            r.tags(), r.estimatedCounts(), r.includeGlobals(), r.encryptTo(), r.jobs()), opened, p, c);
                    copyFailures.addAll(dev.lifeboat.ui.copies.CopiesModel.copyAfterBackup(store, entry, copyTo, p, c));
                    return entry;
                }));
        t.setOnSucceeded(e -> {
            last.set(t.getValue());
            ctx.manifest().reload();
            notice("Backup complete", t.getValue().file() + " (" + t.getValue().tableCount() + " tables)"
                    + (copyFailures.isEmpty() ? "" : "; copies failed: " + String.join("; ", copyFailures)));
        });
        t.setOnFailed(e -> failed("The backup failed", t.getException()));
        return ctx.runner().start(t);
    }
}
