package dev.lifeboat.ui.main;

import dev.lifeboat.core.crypto.IdentitySetting;
import dev.lifeboat.core.importer.ImportResult;
import dev.lifeboat.core.importer.ImportService;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.recovery.Leftover;
import dev.lifeboat.core.recovery.RecoveryService;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.OperationModel;
import dev.lifeboat.ui.common.OperationTask;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The menu's "Recover after a crash…" (core's RecoveryService: a dry run listed first, cleaned only
 * once confirmed) and "Import backups from folder…" (core's ImportService). Health's advice to
 * recover ({@code Remedy.RUN_RECOVER}) opens the same flow.
 */
public final class RecoveryModel extends OperationModel {
    private final ReadOnlyObjectWrapper<RecoveryService.Result> recovered = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ImportResult> imported = new ReadOnlyObjectWrapper<>();

    public RecoveryModel(AppContext ctx) {
        super(ctx);
    }

    /** What the last recovery cleaned and could not clean. */
    public ReadOnlyObjectProperty<RecoveryService.Result> recoveredProperty() {
        return recovered.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ImportResult> importedProperty() {
        return imported.getReadOnlyProperty();
    }

    private RecoveryService service(ManifestStore store) {
        // A server that needs a password asks for it, as every operation of the app does.
        return new RecoveryService(store, ctx.credentials()::ensure);
    }

    /** Lists what interrupted operations left (changing nothing), then cleans it once the person agrees. */
    public OperationTask<List<Leftover>> recover() {
        ManifestStore store = ctx.manifest().store();
        OperationTask<List<Leftover>> t = new OperationTask<>("Look for leftovers in " + store.folder(),
                (p, c) -> service(store).find());
        t.setOnSucceeded(e -> {
            List<Leftover> found = t.getValue();
            if (found.isEmpty()) {
                ctx.dialogs().showInfo("Nothing to recover", "Nothing is left behind in " + store.folder() + ".");
                return;
            }
            String list = found.stream().map(l -> "\u2022 " + l.describe()).collect(Collectors.joining("\n"));
            if (ctx.dialogs().confirm("Recover after a crash", "Interrupted operations left " + found.size()
                    + " thing(s) behind in " + store.folder() + ":\n\n" + list, "Clean " + found.size() + " leftover(s)")) {
                clean(store);
            }
        });
        t.setOnFailed(e -> failed("Cannot look for leftovers", t.getException()));
        return ctx.runner().start(t);
    }

    private void clean(ManifestStore store) {
        OperationTask<RecoveryService.Result> t = new OperationTask<>("Recover " + store.folder(),
                (p, c) -> service(store).clean());
        t.setOnSucceeded(e -> {
            RecoveryService.Result r = t.getValue();
            recovered.set(r);
            ctx.manifest().reload();
            ctx.dialogs().showInfo("Recovered", r.cleaned().size() + " cleaned, " + r.failed().size() + " not cleaned."
                    + (r.failed().isEmpty() ? "" : "\n\n" + String.join("\n", r.failed())));
        });
        t.setOnFailed(e -> failed("The recovery failed", t.getException()));
        ctx.runner().start(t);
    }

    /** Adopts the backup files of a folder (pg_dump archives made elsewhere) into the open catalog. */
    public OperationTask<ImportResult> importFrom(Path from) {
        ManifestStore store = ctx.manifest().store();
        PgToolLocator tools = ctx.tools();
        OperationTask<ImportResult> t = new OperationTask<>("Import backups from " + from,
                (p, c) -> new ImportService(store, tools, identity()).importFiles(List.of(from), p, c));
        t.setOnSucceeded(e -> {
            ImportResult r = t.getValue();
            imported.set(r);
            ctx.manifest().reload();
            ctx.dialogs().showInfo("Import finished", r.added().size() + " backup(s) imported from " + from + "."
                    + (r.skipped().isEmpty() ? "" : "\n\nSkipped:\n" + String.join("\n", r.skipped())));
        });
        t.setOnFailed(e -> failed("The import failed", t.getException()));
        return ctx.runner().start(t);
    }

    /** The identity chosen in the app (or LIFEBOAT_AGE_IDENTITY): it opens encrypted backups to read what they hold. */
    private Path identity() {
        return IdentitySetting.resolve(ctx.settings().file().getParent());
    }
}
