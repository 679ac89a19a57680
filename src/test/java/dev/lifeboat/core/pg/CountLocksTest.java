package dev.lifeboat.core.pg;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.testsupport.PgExtension;
import dev.lifeboat.testsupport.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backup's exact counts of many tables do not keep a lock on each table and index to the end of the
 * snapshot's transaction (beside pg_dump's they filled a default server's lock table at 2,000 tables),
 * and are still the counts of that snapshot.
 */
@ExtendWith(PgExtension.class)
class CountLocksTest {
    private static final int TABLES = 120;

    @Test
    void countsInSavepointsReleaseTheirLocksAndStayInTheSnapshot(TestDatabase db) throws Exception {
        db.execute("DO $$ BEGIN FOR i IN 1.." + TABLES + " LOOP "
                + "EXECUTE format('CREATE TABLE t%s (id int PRIMARY KEY)', i); "
                + "EXECUTE format('INSERT INTO t%s SELECT generate_series(1, 3)', i); END LOOP; END $$");
        try (Connection c = Pg.connect(db.spec())) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            List<TableStat> tables = Catalog.tables(c, false).stream().filter(t -> t.name().startsWith("t")).toList();
            assertEquals(TABLES, tables.size());
            db.execute("INSERT INTO public.t1 VALUES (4)"); // after the snapshot: not counted

            List<TableStat> counted = Catalog.countRows(c, tables, CancelToken.none(), true);

            assertTrue(counted.stream().allMatch(t -> t.rows() == 3), "every count is the snapshot's: " + counted);
            long relationLocks = ownRelationLocks(c);
            assertTrue(relationLocks < 20, "the counts' locks were released: " + relationLocks + " held");

            Catalog.countRows(c, tables, CancelToken.none(), false);
            assertTrue(ownRelationLocks(c) >= 2 * TABLES, "without savepoints each table and its index stay locked");
            c.rollback();
        }
    }

    private static long ownRelationLocks(Connection c) throws Exception {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
