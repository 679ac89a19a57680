package dev.lifeboat.core.restore;

/**
 * The SQL that clears a target before an in-place restore, run in the restore's own transaction
 * (decision 006): instead of pg_restore --clean, which drops object by object and cannot drop a
 * partition's inherited primary key, whole schemas go at once with CASCADE, in dependency order
 * (event triggers, publications, extensions, foreign servers, schemas, large objects), and the
 * public schema comes back as a new database has it.
 */
final class TargetClearing {
    private TargetClearing() {
    }

    /** Everything the database holds that a whole archive recreates. */
    static String wholeDatabase() {
        return """
                DO $lifeboat_clear$
                DECLARE
                    r record;
                    had_public boolean := EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'public');
                BEGIN
                    FOR r IN SELECT evtname FROM pg_catalog.pg_event_trigger LOOP
                        EXECUTE format('DROP EVENT TRIGGER %I', r.evtname);
                    END LOOP;
                    FOR r IN SELECT pubname FROM pg_catalog.pg_publication LOOP
                        EXECUTE format('DROP PUBLICATION %I', r.pubname);
                    END LOOP;
                    FOR r IN SELECT extname FROM pg_catalog.pg_extension WHERE extname <> 'plpgsql' LOOP
                        EXECUTE format('DROP EXTENSION IF EXISTS %I CASCADE', r.extname);
                    END LOOP;
                    FOR r IN SELECT srvname FROM pg_catalog.pg_foreign_server LOOP
                        EXECUTE format('DROP SERVER IF EXISTS %I CASCADE', r.srvname);
                    END LOOP;
                    FOR r IN SELECT nspname FROM pg_catalog.pg_namespace
                             WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' LOOP
                        EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', r.nspname);
                    END LOOP;
                    PERFORM pg_catalog.lo_unlink(oid) FROM pg_catalog.pg_largeobject_metadata;
                    IF had_public THEN
                        CREATE SCHEMA public;
                        IF current_setting('server_version_num')::int >= 150000 THEN
                            ALTER SCHEMA public OWNER TO pg_database_owner;
                            GRANT USAGE ON SCHEMA public TO PUBLIC;
                        ELSE
                            GRANT ALL ON SCHEMA public TO PUBLIC;
                            IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
                                EXECUTE format('ALTER SCHEMA public OWNER TO %I',
                                               (SELECT rolname FROM pg_catalog.pg_roles WHERE oid = 10));
                            END IF;
                        END IF;
                        COMMENT ON SCHEMA public IS 'standard public schema';
                    END IF;
                END
                $lifeboat_clear$;
                """;
    }
}
