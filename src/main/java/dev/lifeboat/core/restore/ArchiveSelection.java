package dev.lifeboat.core.restore;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.TocEntry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the archive entries of some tables or schemas, for a pg_restore -L list. A table brings
 * its definition, data, sequences it owns, defaults, constraints, triggers, policies, indexes,
 * extended statistics, and the grants, comments and security labels on all of these; foreign keys
 * to tables left out are named as missing. What belongs to a table is read from the archive's
 * dependencies; for an archive whose format is not read in-process, from names (its indexes and
 * sequences are then those named after it).
 */
final class ArchiveSelection {
    private static final Set<String> TABLE_PARTS = Set.of("TABLE", "TABLE DATA", "CONSTRAINT", "FK CONSTRAINT",
            "CHECK CONSTRAINT", "DEFAULT", "TRIGGER", "POLICY", "ROW SECURITY", "RULE", "INDEX", "ACL", "COMMENT",
            "SEQUENCE", "SEQUENCE OWNED BY", "SEQUENCE SET", "STATISTICS", "SECURITY LABEL");
    /**
     * Parts whose tag starts with the name of the table they are on: they are taken by that name,
     * since their dependencies also name other tables (a foreign key depends on the key it
     * references, a policy on the tables its expression reads).
     */
    private static final Set<String> NAMED_AFTER_TABLE = Set.of("CONSTRAINT", "FK CONSTRAINT", "CHECK CONSTRAINT",
            "DEFAULT", "TRIGGER", "POLICY", "ROW SECURITY", "RULE");

    private final List<TocEntry> chosen;
    private final List<String> notes;

    private ArchiveSelection(List<TocEntry> chosen, List<String> notes) {
        this.chosen = chosen;
        this.notes = notes;
    }

    static ArchiveSelection of(ArchiveToc toc, List<String> tables, List<String> schemas, boolean dataOnly) {
        Set<TocEntry> picked = new LinkedHashSet<>();
        List<String> notes = new ArrayList<>();
        for (String schema : schemas) {
            List<TocEntry> inSchema = toc.entries().stream()
                    .filter(e -> schema.equals(e.schema()) || (e.kind().equals("SCHEMA") && e.name().equals(schema)))
                    .toList();
            if (inSchema.isEmpty()) {
                throw new LifeboatException(ErrorCode.USAGE, "The backup has no schema '" + schema + "'.");
            }
            picked.addAll(inSchema);
        }
        for (String qualified : tables) {
            int dot = qualified.indexOf('.');
            String schema = dot < 0 ? "public" : qualified.substring(0, dot);
            String table = dot < 0 ? qualified : qualified.substring(dot + 1);
            boolean found = toc.entries().stream().anyMatch(e -> e.isTable() && e.schema().equals(schema)
                    && e.name().equals(table));
            if (!found) {
                throw new LifeboatException(ErrorCode.USAGE, "The backup has no table " + schema + "." + table
                        + ". Write it as SCHEMA.TABLE, exactly as in the database.");
            }
            List<TocEntry> parts = toc.dependencies().isEmpty() ? partsByName(toc, schema, table)
                    : partsByDependency(toc, schema, table);
            for (TocEntry e : parts) {
                picked.add(e);
                if (e.kind().equals("FK CONSTRAINT")) {
                    notes.add("The foreign key " + e.name() + " needs the table it references to exist in the target.");
                }
            }
        }
        List<TocEntry> result = new ArrayList<>(picked);
        if (dataOnly) {
            result.removeIf(e -> !e.kind().equals("TABLE DATA") && !e.kind().equals("SEQUENCE SET"));
        }
        return new ArchiveSelection(result, notes);
    }

    /**
     * The table, what depends on it, and what depends on those in turn (an index's comment, a
     * sequence's value); a sequence comes with the table that owns it.
     */
    private static List<TocEntry> partsByDependency(ArchiveToc toc, String schema, String table) {
        Set<Integer> ids = new LinkedHashSet<>();
        toc.entries().stream().filter(e -> e.isTable() && e.schema().equals(schema) && e.name().equals(table))
                .forEach(e -> ids.add(e.dumpId()));
        Map<Integer, TocEntry> byId = new HashMap<>();
        toc.entries().forEach(e -> byId.put(e.dumpId(), e));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (TocEntry e : toc.entries()) {
                if (ids.contains(e.dumpId()) || !TABLE_PARTS.contains(e.kind())) {
                    continue;
                }
                boolean belongs = NAMED_AFTER_TABLE.contains(e.kind()) ? e.describes(schema, table)
                        : toc.dependencies().getOrDefault(e.dumpId(), List.of()).stream().anyMatch(ids::contains);
                if (belongs) {
                    ids.add(e.dumpId());
                    grew = true;
                    if (e.kind().equals("SEQUENCE OWNED BY")) {
                        toc.dependencies().getOrDefault(e.dumpId(), List.of()).stream().map(byId::get)
                                .filter(d -> d != null && d.kind().equals("SEQUENCE")).forEach(d -> ids.add(d.dumpId()));
                    }
                }
            }
        }
        return toc.entries().stream().filter(e -> ids.contains(e.dumpId())).toList();
    }

    /** Without dependencies: the parts on the table by name, and indexes and sequences named after it. */
    private static List<TocEntry> partsByName(ArchiveToc toc, String schema, String table) {
        List<TocEntry> parts = new ArrayList<>();
        for (TocEntry e : toc.entries()) {
            if (!TABLE_PARTS.contains(e.kind()) || !e.schema().equals(schema)) {
                continue;
            }
            boolean ownsSequence = e.kind().startsWith("SEQUENCE") && e.name().startsWith(table + "_");
            boolean namedIndex = e.kind().equals("INDEX") && e.name().startsWith(table + "_");
            if (e.describes(schema, table) || ownsSequence || namedIndex) {
                parts.add(e);
            }
        }
        return parts;
    }

    List<TocEntry> entries() {
        return chosen;
    }

    List<String> notes() {
        return notes;
    }

    /** The -L list text: pg_restore restores these lines in the archive's order. */
    String listFile() {
        StringBuilder sb = new StringBuilder("; chosen by Lifeboat\n");
        chosen.forEach(e -> sb.append(e.line()).append('\n'));
        return sb.toString();
    }

    /** The tables whose data is restored, as schema.name. */
    List<String> tablesWithData() {
        return chosen.stream().filter(TocEntry::isTableData).map(e -> e.schema() + "." + e.name()).toList();
    }
}
