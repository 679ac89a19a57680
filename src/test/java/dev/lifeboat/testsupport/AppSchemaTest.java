package dev.lifeboat.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;

@ExtendWith(PgExtension.class)
class AppSchemaTest {
    @Test
    void fixtureHoldsWhatRealApplicationsHold(TestDatabase db) {
        AppSchema app = AppSchema.create(db);
        AppSchema.assertRows(db);
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_partitioned_table p JOIN pg_constraint c "
                + "ON c.conrelid = p.partrelid AND c.contype = 'p'"), "a partitioned table with a primary key");
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_matviews WHERE schemaname = 'app'"));
        assertEquals(0, db.queryLong("SELECT count(*) FROM pg_depend d JOIN pg_class s ON s.oid = d.objid "
                + "WHERE s.relname = 'invoice_no_seq' AND d.deptype = 'a'"), "the sequence is not OWNED BY");
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole "
                + "WHERE r.rolname = '" + app.role("reporter") + "'"));
        assertEquals(1, db.queryLong("SELECT count(*) FROM pg_default_acl"));
        assertEquals(2, db.queryLong("SELECT count(*) FROM pg_namespace WHERE nspowner IN (SELECT oid FROM pg_roles "
                + "WHERE rolname LIKE '" + app.prefix() + "_owner_%')"));
    }
}
