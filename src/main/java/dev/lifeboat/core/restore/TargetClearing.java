package dev.lifeboat.core.restore;

import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.TocEntry;
import dev.lifeboat.core.pg.Pg;

import java.util.Set;
import java.util.TreeSet;

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

    private static String array(Set<String> values) {
        return "ARRAY[" + String.join(", ", values.stream().map(Pg::literal).toList()) + "]::text[]";
    }

    /**
     * What the archive recreates: the schemas it holds objects in (a Lifeboat backup holds them all;
     * an archive made with pg_dump -n holds some, and the others are left alone), the extensions,
     * event triggers, publications and foreign servers it creates, and the large objects when it
     * has any.
     */
    static String wholeDatabase(ArchiveToc toc) {
        Set<String> schemas = new TreeSet<>();
        Set<String> extensions = new TreeSet<>();
        Set<String> eventTriggers = new TreeSet<>();
        Set<String> publications = new TreeSet<>();
        Set<String> servers = new TreeSet<>();
        boolean largeObjects = false;
        for (TocEntry e : toc.entries()) {
            if (!e.schema().equals("-") && !e.schema().startsWith("pg_") && !e.schema().equals("information_schema")) {
                schemas.add(e.schema());
            }
            switch (e.kind()) {
                case "SCHEMA" -> schemas.add(e.name());
                case "EXTENSION" -> extensions.add(e.name());
                case "EVENT TRIGGER" -> eventTriggers.add(e.name());
                case "PUBLICATION" -> publications.add(e.name());
                case "SERVER", "FOREIGN SERVER" -> servers.add(e.name());
                default -> largeObjects |= e.kind().startsWith("BLOB") || e.kind().equals("LARGE OBJECT");
            }
        }
        return clearing(schemas, extensions, eventTriggers, publications, servers, largeObjects);
    }

    /** Whole schemas, for a selective restore of schemas in place; what depends on them elsewhere is refused. */
    static String schemas(Set<String> schemas) {
        return schemas.isEmpty() ? "" : clearing(schemas, Set.of(), Set.of(), Set.of(), Set.of(), false);
    }

    private static String clearing(Set<String> schemas, Set<String> extensionsInArchive, Set<String> eventTriggers,
                                   Set<String> publications, Set<String> servers, boolean largeObjects) {
        Set<String> extensions = new TreeSet<>(extensionsInArchive);
        extensions.remove("plpgsql"); // the DO block itself runs in it
        return """
                DO $lifeboat_clear$
                DECLARE
                    r record;
                    had_public boolean := EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'public')
                                                    AND 'public' = ANY (%s);
                BEGIN
                    -- CASCADE must not reach past what the archive brings back: refuse, naming it
                    FOR r IN SELECT n.nspname AS s, c.relname AS t, k.conname AS k
                             FROM pg_catalog.pg_constraint k
                             JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
                             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                             JOIN pg_catalog.pg_class f ON f.oid = k.confrelid
                             JOIN pg_catalog.pg_namespace fn ON fn.oid = f.relnamespace
                             WHERE k.contype = 'f' AND fn.nspname = ANY (%s) AND NOT n.nspname = ANY (%s) LOOP
                        RAISE EXCEPTION 'The foreign key %% of %%.%% references a table this restore recreates and is '
                            'not in the backup, so it would be lost. Drop it first, or restore into a new database.',
                            quote_ident(r.k), quote_ident(r.s), quote_ident(r.t);
                    END LOOP;
                    FOR r IN SELECT DISTINCT vn.nspname AS s, v.relname AS t
                             FROM pg_catalog.pg_depend d
                             JOIN pg_catalog.pg_rewrite w ON w.oid = d.objid AND d.classid = 'pg_catalog.pg_rewrite'::regclass
                             JOIN pg_catalog.pg_class v ON v.oid = w.ev_class
                             JOIN pg_catalog.pg_namespace vn ON vn.oid = v.relnamespace
                             JOIN pg_catalog.pg_class c ON c.oid = d.refobjid AND d.refclassid = 'pg_catalog.pg_class'::regclass
                             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                             WHERE n.nspname = ANY (%s) AND NOT vn.nspname = ANY (%s) AND v.oid <> c.oid LOOP
                        RAISE EXCEPTION 'The view %%.%% uses a table this restore recreates and is not in the backup, '
                            'so it would be lost. Drop it first, or restore into a new database.',
                            quote_ident(r.s), quote_ident(r.t);
                    END LOOP;
                    FOR r IN SELECT evtname FROM pg_catalog.pg_event_trigger WHERE evtname = ANY (%s) LOOP
                        EXECUTE format('DROP EVENT TRIGGER %%I', r.evtname);
                    END LOOP;
                    FOR r IN SELECT pubname FROM pg_catalog.pg_publication WHERE pubname = ANY (%s) LOOP
                        EXECUTE format('DROP PUBLICATION %%I', r.pubname);
                    END LOOP;
                    FOR r IN SELECT extname FROM pg_catalog.pg_extension WHERE extname = ANY (%s) LOOP
                        EXECUTE format('DROP EXTENSION IF EXISTS %%I CASCADE', r.extname);
                    END LOOP;
                    FOR r IN SELECT srvname FROM pg_catalog.pg_foreign_server WHERE srvname = ANY (%s) LOOP
                        EXECUTE format('DROP SERVER IF EXISTS %%I CASCADE', r.srvname);
                    END LOOP;
                    FOR r IN SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname = ANY (%s) LOOP
                        EXECUTE format('DROP SCHEMA IF EXISTS %%I CASCADE', r.nspname);
                    END LOOP;
                    IF %s THEN
                        PERFORM pg_catalog.lo_unlink(oid) FROM pg_catalog.pg_largeobject_metadata;
                    END IF;
                    IF had_public THEN
                        CREATE SCHEMA public;
                        IF current_setting('server_version_num')::int >= 150000 THEN
                            ALTER SCHEMA public OWNER TO pg_database_owner;
                            GRANT USAGE ON SCHEMA public TO PUBLIC;
                        ELSE
                            GRANT ALL ON SCHEMA public TO PUBLIC;
                            IF (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
                                EXECUTE format('ALTER SCHEMA public OWNER TO %%I',
                                               (SELECT rolname FROM pg_catalog.pg_roles WHERE oid = 10));
                            END IF;
                        END IF;
                        COMMENT ON SCHEMA public IS 'standard public schema';
                    END IF;
                END
                $lifeboat_clear$;
                """.formatted(array(schemas), array(schemas), array(schemas), array(schemas), array(schemas), array(eventTriggers), array(publications), array(extensions), array(servers),
                array(schemas), largeObjects);
    }
}
