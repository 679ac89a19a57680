package dev.lifeboat.ui.common;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * What the models of screens that start operations share: the app's context, and the last outcome
 * worth a notification (the view shows it; a test reads it). Errors go to the dialog service.
 */
public abstract class OperationModel {
    /** A short outcome: "Backup complete", and what was made. */
    public record Notice(String title, String text) {
    }

    protected final AppContext ctx;
    private final ReadOnlyObjectWrapper<Notice> notice = new ReadOnlyObjectWrapper<>();

    protected OperationModel(AppContext ctx) {
        this.ctx = ctx;
    }

    public ReadOnlyObjectProperty<Notice> noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    protected void notice(String title, String text) {
        notice.set(null); // the same outcome twice is two notices
        notice.set(new Notice(title, text));
    }

    /** A cancelled operation is a notice, not an error: the person asked for it. */
    protected void failed(String title, Throwable error) {
        if (error instanceof LifeboatException le && le.code() == ErrorCode.CANCELLED) {
            notice("Cancelled", le.getMessage());
            return;
        }
        ctx.dialogs().showError(title, error);
    }
}
