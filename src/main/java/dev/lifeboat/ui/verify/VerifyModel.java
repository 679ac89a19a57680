package dev.lifeboat.ui.verify;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.verify.VerifyDepth;
import dev.lifeboat.core.verify.VerifyReport;
import dev.lifeboat.core.verify.VerifyService;
import dev.lifeboat.ui.common.AppContext;
import dev.lifeboat.ui.common.OperationModel;
import dev.lifeboat.ui.common.OperationTask;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Verifications started from the app: the depth settings suggest, the scratch server named or the
 * backup's own, its password asked before anything is recorded, and the report to open.
 */
public final class VerifyModel extends OperationModel {
    private final ReadOnlyObjectWrapper<VerifyReport> report = new ReadOnlyObjectWrapper<>();

    public VerifyModel(AppContext ctx) {
        super(ctx);
    }

    /** The report of the last verification started with {@code openReport}; the view opens it. */
    public ReadOnlyObjectProperty<VerifyReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    /** The depth the settings choose, archive when they choose none or an unknown one. */
    public VerifyDepth defaultDepth() {
        try {
            return VerifyDepth.parse(ctx.settings().load().defaultVerifyDepth());
        } catch (LifeboatException | NullPointerException e) {
            return VerifyDepth.ARCHIVE;
        }
    }

    /** The scratch server a person typed (a saved name or a URI), null for the backup's own server. */
    public ConnectionSpec scratch(String text) {
        return text == null || text.isBlank() ? null : ctx.settings().resolve(text.strip());
    }

    public OperationTask<VerifyReport> start(String id, VerifyDepth depth, ConnectionSpec scratch, boolean openReport) {
        ManifestStore store = ctx.manifest().store();
        PgToolLocator tools = ctx.tools();
        OperationTask<VerifyReport> t = new OperationTask<>("Verify (" + depth.label() + ") " + id, (p, c) -> {
            if (depth != VerifyDepth.FULL) {
                return new VerifyService(store, tools, identity()).verify(id, depth, scratch, p, c);
            }
            // The password is settled before the verification starts: one that cannot log in records nothing.
            ConnectionSpec server = scratch != null ? scratch : VerifyService.scratchServerFor(store.find(id));
            return ctx.credentials().withPassword(server, ready -> new VerifyService(store, tools, identity())
                    .verify(id, depth, scratch != null ? ready : null, p, c));
        });
        t.setOnSucceeded(e -> {
            ctx.manifest().reload();
            VerifyReport r = t.getValue();
            notice(r.notRun() ? "Could not verify" : r.passed() ? "Verification passed" : "Verification FAILED",
                    id + " (" + depth.label() + ")");
            if (openReport) {
                report.set(r);
            }
        });
        t.setOnFailed(e -> failed("The verification could not run", t.getException()));
        return ctx.using(id, t);
    }

    /** The age identity that opens encrypted backups: LIFEBOAT_AGE_IDENTITY, else the one chosen in Encryption. */
    private java.nio.file.Path identity() {
        return dev.lifeboat.core.crypto.IdentitySetting.resolve(ctx.settings().file().getParent());
    }
}
