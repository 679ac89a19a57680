package dev.lifeboat.core.archive;

import java.util.List;

/**
 * One entry of an archive's table of contents as pg_dump wrote it, read in-process: unlike
 * {@code pg_restore --list}, it carries the entries it depends on and its namespace and tag
 * unsplit, however many spaces they hold.
 *
 * @param definition the SQL of the few kinds read later (ACL, DEFAULT ACL, DATABASE PROPERTIES); null for others
 */
public record ArchiveEntry(int dumpId, boolean hadDumper, String tableOid, String oid, String tag, String desc,
                           String namespace, String owner, boolean hasDefinition, List<Integer> dependencies,
                           String definition) {
    /** Kinds whose definition is kept: the rest can be large (function bodies) and is not needed. */
    static final java.util.Set<String> KEEP_DEFINITION = java.util.Set.of("ACL", "DEFAULT ACL", "DATABASE PROPERTIES");

    /** The roles an ACL or DEFAULT ACL entry grants to or revokes from. */
    public List<String> grantees() {
        return "ACL".equals(desc) || "DEFAULT ACL".equals(desc) ? Grantees.of(definition) : List.of();
    }
}
