package dev.lifeboat.core.archive;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.pg.Pg;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.testsupport.AppSchema;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.RawTools;
import dev.lifeboat.testsupport.TestDatabase;
import dev.lifeboat.testsupport.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole restore's plan reads the archive's entries in-process instead of asking pg_restore
 * --list: both must name the same entries, owners and grantees, or the plan would ask for roles
 * pg_restore does not need (or miss one it does).
 */
@ExtendWith(PgExtension.class)
class RestoredByDefaultTest {
    @TempDir
    Path dir;

    @Test
    void inProcessEntriesAreThoseThatPgRestoreListsWithTheirOwnersAndGrantees(TestDatabase db) throws Exception {
        AppSchema app = AppSchema.create(db);
        // the database's own comment, grant and settings: pg_restore runs them only with --create
        String role = app.role("db_only"); // granted nothing but the database itself
        TestServer.execute(db.server().admin(), "CREATE ROLE " + role + " NOLOGIN");
        db.execute("COMMENT ON DATABASE " + Pg.ident(db.name()) + " IS 'the shop''s data'",
                "GRANT CONNECT ON DATABASE " + Pg.ident(db.name()) + " TO " + role,
                "ALTER DATABASE " + Pg.ident(db.name()) + " SET work_mem = '8MB'",
                "CREATE TABLE public.\"empty one\" (id int)");
        Path archive = RawTools.dump(db, dir);

        ArchiveToc listed = ArchiveInspector.withExactEntries(new ArchiveInspector(
                PgToolLocator.standard(null).require(PgTool.PG_RESTORE, 0)).list(archive, CancelToken.none()), archive);
        ArchiveToc read = ArchiveInspector.restoredByDefault(archive).orElseThrow();

        assertEquals(describe(listed.entries()), describe(read.entries()));
        assertEquals(listed.granteesOf(listed.entries()), read.granteesOf(read.entries()));
        assertTrue(read.granteesOf(read.entries()).contains(app.role("reporter")), read.grantees().toString());
        assertTrue(!read.granteesOf(read.entries()).contains(role), "the database's grant is not restored without --create");
        assertEquals(listed.dependencies(), read.dependencies());
        assertEquals(listed.totalEntries(), read.totalEntries());
        assertEquals(listed.database(), read.database());
    }

    private static List<String> describe(List<TocEntry> entries) {
        return entries.stream().map(e -> e.dumpId() + " " + e.kind() + " [" + e.schema() + "] [" + e.name() + "] "
                + e.owner()).toList();
    }
}
