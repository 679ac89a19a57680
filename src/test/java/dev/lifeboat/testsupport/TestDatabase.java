package dev.lifeboat.testsupport;

import dev.lifeboat.core.pg.ConnectionSpec;

/** A database created for one test and dropped after it. */
public record TestDatabase(TestServer server, ConnectionSpec spec) {
    public String name() {
        return spec.database();
    }

    public void execute(String... sql) {
        TestServer.execute(spec, sql);
    }

    public long count(String qualifiedTable) {
        return TestServer.queryLong(spec, "SELECT count(*) FROM " + qualifiedTable);
    }

    public long queryLong(String sql) {
        return TestServer.queryLong(spec, sql);
    }

    public String queryString(String sql) {
        return TestServer.queryString(spec, sql);
    }
}
