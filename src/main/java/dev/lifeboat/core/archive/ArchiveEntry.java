package dev.lifeboat.core.archive;

import java.util.List;

/**
 * One entry of an archive's table of contents as pg_dump wrote it, read in-process: unlike
 * {@code pg_restore --list}, it carries the entries it depends on and its namespace and tag
 * unsplit, however many spaces they hold.
 */
public record ArchiveEntry(int dumpId, boolean hadDumper, String tableOid, String oid, String tag, String desc,
                           String namespace, String owner, boolean hasDefinition, List<Integer> dependencies) {
}
