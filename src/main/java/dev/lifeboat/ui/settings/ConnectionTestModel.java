package dev.lifeboat.ui.settings;

import dev.lifeboat.core.pg.ConnectionCheck;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Credentials;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.ui.common.OperationTask;
import dev.lifeboat.ui.common.TaskExecutor;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Settings' Test button as a model: connects through the password flow (asking when the server
 * wants a password), checks for a suitable pg_dump, and says what it found. Testable without a window.
 */
public final class ConnectionTestModel {
    private final TaskExecutor executor;
    private final Credentials credentials;
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);

    public ConnectionTestModel(TaskExecutor executor, Credentials credentials) {
        this.executor = executor;
        this.credentials = credentials;
    }

    /** What the last test found: "✔ PostgreSQL 15.4; will use pg_dump 15.4 (…)" or "✖ why not". */
    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Starts a test; call on the FX thread. */
    public void test(ConnectionSpec spec, PgToolLocator tools) {
        result.set("Testing " + spec.display() + "\u2026");
        running.set(true);
        OperationTask<ConnectionCheck> t = new OperationTask<>("Test connection " + spec.display(),
                (p, c) -> ConnectionCheck.run(credentials.ensure(spec), tools));
        t.setOnSucceeded(e -> {
            running.set(false);
            result.set(t.getValue().summary());
        });
        t.setOnFailed(e -> {
            running.set(false);
            result.set("\u2716 " + t.getException().getMessage());
        });
        t.setOnCancelled(e -> running.set(false));
        executor.start(t);
    }
}
