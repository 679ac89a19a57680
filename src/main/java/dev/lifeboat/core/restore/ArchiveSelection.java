package dev.lifeboat.core.restore;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.TocEntry;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses the archive entries of some tables or schemas, for a pg_restore -L list. A table brings
 * its definition, data, sequences it owns, defaults, constraints, triggers, policies, grants,
 * comments, and the indexes named after it; foreign keys to tables left out are named as missing.
 */
final class ArchiveSelection {
    private static final Set<String> TABLE_PARTS = Set.of("TABLE", "TABLE DATA", "CONSTRAINT", "FK CONSTRAINT",
            "CHECK CONSTRAINT", "DEFAULT", "TRIGGER", "POLICY", "ROW SECURITY", "RULE", "INDEX", "ACL", "COMMENT",
            "SEQUENCE", "SEQUENCE OWNED BY", "SEQUENCE SET", "STATISTICS");

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
            for (TocEntry e : toc.entries()) {
                if (!TABLE_PARTS.contains(e.kind()) || !e.schema().equals(schema)) {
                    continue;
                }
                boolean ownsSequence = e.kind().startsWith("SEQUENCE") && e.name().startsWith(table + "_");
                boolean namedIndex = e.kind().equals("INDEX") && e.name().startsWith(table + "_");
                if (e.describes(schema, table) || ownsSequence || namedIndex) {
                    picked.add(e);
                    if (e.kind().equals("FK CONSTRAINT")) {
                        notes.add("The foreign key " + e.name() + " needs the table it references to exist in the target.");
                    }
                }
            }
        }
        List<TocEntry> result = new ArrayList<>(picked);
        if (dataOnly) {
            result.removeIf(e -> !e.kind().equals("TABLE DATA") && !e.kind().equals("SEQUENCE SET"));
        }
        return new ArchiveSelection(result, notes);
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
