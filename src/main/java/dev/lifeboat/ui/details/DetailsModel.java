package dev.lifeboat.ui.details;

import dev.lifeboat.core.archive.ArchiveInspector;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.manifest.BackupRow;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The details pane's state: the selected backup, its whole entry (read off the FX thread; the row's
 * summary until then) and its archive's contents once asked for, or why there are none.
 */
public final class DetailsModel {
    private final AppContext ctx;
    private final ReadOnlyObjectWrapper<BackupRow> row = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<BackupEntry> entry = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ArchiveToc> contents = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper contentsProblem = new ReadOnlyStringWrapper();

    public DetailsModel(AppContext ctx) {
        this.ctx = ctx;
    }

    public ReadOnlyObjectProperty<BackupRow> rowProperty() {
        return row.getReadOnlyProperty();
    }

    /** The shown backup's entry: the row's summary at once, the whole entry when read. */
    public ReadOnlyObjectProperty<BackupEntry> entryProperty() {
        return entry.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ArchiveToc> contentsProperty() {
        return contents.getReadOnlyProperty();
    }

    /** Why the archive has no contents to show (a plain script, a missing file, an unreadable archive), or null. */
    public ReadOnlyStringProperty contentsProblemProperty() {
        return contentsProblem.getReadOnlyProperty();
    }

    /** Shows a backup (null: none) and reads its whole entry as a brief job. */
    public void show(BackupRow selected) {
        row.set(selected);
        contents.set(null);
        contentsProblem.set(null);
        entry.set(selected == null ? null : selected.entry());
        if (selected == null) {
            return;
        }
        OperationTask<BackupEntry> read = new OperationTask<BackupEntry>("Read the details of " + selected.id(),
                (p, c) -> ctx.manifest().full(selected)).brief();
        read.setOnSucceeded(ev -> {
            if (row.get() == selected) {
                entry.set(read.getValue());
            }
        });
        ctx.runner().start(read);
    }

    /** Reads the archive's table of contents, once per shown backup. */
    public void loadContents() {
        BackupRow shown = row.get();
        if (shown == null || contents.get() != null || contentsProblem.get() != null) {
            return;
        }
        if (!shown.fileExists()) {
            contentsProblem.set("The backup file is missing.");
            return;
        }
        if (BackupFormat.fromLabel(shown.entry().format()) != BackupFormat.CUSTOM) {
            contentsProblem.set("A plain SQL script has no table of contents.");
            return;
        }
        ManifestStore store = ctx.manifest().store();
        OperationTask<ArchiveToc> t = new OperationTask<ArchiveToc>("Read the contents of " + shown.id(), (p, cancel) ->
                new ArchiveInspector(ctx.tools().require(PgTool.PG_RESTORE, 0)).list(store.fileOf(shown.entry()), cancel))
                .brief();
        t.setOnSucceeded(e -> {
            if (row.get() == shown) {
                contents.set(t.getValue());
            }
        });
        t.setOnFailed(e -> {
            if (row.get() == shown) {
                contentsProblem.set("Cannot read the archive: " + t.getException().getMessage());
            }
        });
        ctx.runner().start(t);
    }
}
