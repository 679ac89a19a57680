package dev.lifeboat.testsupport;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.ArrayList;
import java.util.List;

/** Gives a test method the {@link TestServer} and a fresh {@link TestDatabase}, dropped afterwards. */
public final class PgExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(PgExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        Class<?> type = p.getParameter().getType();
        return type == TestServer.class || type == TestDatabase.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        TestServer server = TestServer.get();
        if (p.getParameter().getType() == TestServer.class) {
            return server;
        }
        TestDatabase db = new TestDatabase(server, server.createDatabase("lbt"));
        ((List<TestDatabase>) c.getStore(NS).getOrComputeIfAbsent("dbs", k -> new ArrayList<TestDatabase>(), List.class)).add(db);
        return db;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void afterEach(ExtensionContext c) {
        List<TestDatabase> dbs = c.getStore(NS).get("dbs", List.class);
        if (dbs != null) {
            for (TestDatabase db : dbs) {
                db.server().dropDatabase(db.name());
                db.server().dropDerivedDatabases(db.name());
            }
        }
    }
}
