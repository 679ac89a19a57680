package dev.lifeboat.core.restore;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.TocEntry;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.Pg;

import java.sql.Connection;
import java.sql.SQLException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Chooses the archive entries of some tables or schemas, for a pg_restore -L list. A table brings
 * its parts (definition, data, owned sequences, defaults, constraints, triggers, policies, indexes,
 * statistics, grants, comments), its partitions, and what it needs to exist: the schemas, types,
 * domains, functions, sequences and extensions it uses and the tables its foreign keys reference
 * (with their rows). Into an existing database (in place) only what the target lacks is brought.
 * What belongs to what is read from the archive's dependencies; for an archive whose format is not
 * read in-process, from names (its indexes and sequences are then those named after it).
 */
final class ArchiveSelection {
    /** What comes with a view or a foreign key recreated after the table it is on. */
    private static final Set<String> DEPENDENT_PARTS = Set.of("ACL", "COMMENT", "SECURITY LABEL", "INDEX",
            "MATERIALIZED VIEW DATA", "RULE", "TRIGGER");

    private final List<TocEntry> chosen;
    private final List<String> notes;
    private final List<TargetObjects.Dependent> dependents;
    private final List<TargetObjects.Dependent> blocking;
    /** In place: the selected schemas, dropped whole before they are recreated. */
    private final Set<String> clearedSchemas;

    private ArchiveSelection(List<TocEntry> chosen, List<String> notes) {
        this(chosen, notes, List.of(), List.of(), Set.of());
    }

    private ArchiveSelection(List<TocEntry> chosen, List<String> notes, List<TargetObjects.Dependent> dependents,
                             List<TargetObjects.Dependent> blocking, Set<String> clearedSchemas) {
        this.chosen = chosen;
        this.notes = notes;
        this.dependents = dependents;
        this.blocking = blocking;
        this.clearedSchemas = clearedSchemas;
    }

    /**
     * In place: the views and foreign keys in the target that depend on the recreated tables are
     * dropped first and recreated from the archive after them; those the archive does not hold
     * could not come back, so they block the restore ({@link #blocking()}).
     */
    ArchiveSelection withDependents(ArchiveToc toc, List<TargetObjects.Dependent> found) {
        Set<Integer> ids = new LinkedHashSet<>();
        chosen.forEach(e -> ids.add(e.dumpId()));
        List<TargetObjects.Dependent> kept = new ArrayList<>();
        List<TargetObjects.Dependent> missing = new ArrayList<>();
        List<String> moreNotes = new ArrayList<>(notes);
        for (TargetObjects.Dependent d : found) {
            TocEntry e = toc.entries().stream().filter(x -> x.kind().equals(d.kind()) && x.schema().equals(d.schema())
                    && x.name().equals(d.name())).findFirst().orElse(null);
            if (e == null) {
                missing.add(d);
                continue;
            }
            kept.add(d);
            ids.add(e.dumpId());
            moreNotes.add("Recreates the " + d.label() + ", which depends on a restored table, from the backup.");
            toc.entries().stream().filter(x -> DEPENDENT_PARTS.contains(x.kind())
                            && toc.dependencies().getOrDefault(x.dumpId(), List.of()).contains(e.dumpId()))
                    .forEach(x -> ids.add(x.dumpId()));
        }
        List<TocEntry> all = toc.entries().stream().filter(e -> ids.contains(e.dumpId())).toList();
        return new ArchiveSelection(all, moreNotes, kept, missing, clearedSchemas);
    }

    /** What in the target depends on a recreated table and is not in the backup. */
    List<TargetObjects.Dependent> blocking() {
        return blocking;
    }

    /**
     * In place, before the chosen entries are recreated: the dependents go first (foreign keys,
     * then views from the outermost in), then the selected schemas whole (refusing, by name, what
     * depends on them elsewhere), then the tables, without CASCADE, so that nothing the plan did not
     * name can go.
     */
    String clearingSql() {
        StringBuilder sql = new StringBuilder();
        dependents.stream().filter(d -> d.kind().equals("FK CONSTRAINT")).forEach(d -> sql.append(d.drop()).append('\n'));
        dependents.stream().filter(d -> !d.kind().equals("FK CONSTRAINT")).forEach(d -> sql.append(d.drop()).append('\n'));
        sql.append(TargetClearing.schemas(clearedSchemas));
        List<String[]> tables = tablesDefined();
        if (!tables.isEmpty()) {
            sql.append("DROP TABLE IF EXISTS ").append(String.join(", ", tables.stream()
                    .map(t -> SqlNames.sql(t[0], t[1])).toList())).append(";\n");
        }
        return sql.toString();
    }

    /**
     * The selection a request makes for a restore in this mode: into a new database everything the
     * tables need; in place only what the target lacks, with the target's dependents recreated.
     */
    static ArchiveSelection forRequest(ArchiveToc toc, RestoreRequest req, RestoreMode mode) throws SQLException {
        if (mode != RestoreMode.IN_PLACE || req.dataOnly()) {
            return of(toc, req.tables(), req.schemas(), req.dataOnly(), null);
        }
        Set<String> cleared = new java.util.TreeSet<>();
        req.schemas().forEach(s -> cleared.add(SqlNames.schema(s)));
        try (Connection c = Pg.connect(req.target())) {
            ArchiveSelection sel = of(toc, req.tables(), req.schemas(), false, TargetObjects.existence(c, cleared));
            ArchiveSelection withDeps = sel.withDependents(toc, TargetObjects.dependents(c, sel.tablesDefined()));
            return new ArchiveSelection(withDeps.chosen, withDeps.notes, withDeps.dependents, withDeps.blocking, cleared);
        }
    }

    /**
     * @param inTarget null for a new database (everything needed is brought); else whether the
     *                 target already has an object, which is then kept as it is
     */
    static ArchiveSelection of(ArchiveToc toc, List<String> tables, List<String> schemas, boolean dataOnly,
                               Predicate<TocEntry> inTarget) {
        SelectionBuilder b = new SelectionBuilder(toc, inTarget, dataOnly);
        for (String written : schemas) {
            String schema = SqlNames.schema(written);
            List<TocEntry> inSchema = toc.entries().stream()
                    .filter(e -> schema.equals(e.schema()) || (e.kind().equals("SCHEMA") && e.name().equals(schema)))
                    .toList();
            if (inSchema.isEmpty()) {
                throw new LifeboatException(ErrorCode.USAGE, "The backup has no schema " + written + ".");
            }
            inSchema.forEach(e -> {
                if (e.isTable()) {
                    b.addTable(e, null);
                } else if (!dataOnly) {
                    b.ids.add(e.dumpId());
                }
            });
        }
        List<TocEntry> allTables = toc.entries().stream().filter(TocEntry::isTable).toList();
        for (String written : tables) {
            TocEntry table = SqlNames.table(written, allTables);
            if (table == null) {
                throw new LifeboatException(ErrorCode.USAGE, "The backup has no table " + written + ". Write it as "
                        + "SCHEMA.TABLE, as in SQL (\"My Schema\".\"My Table\") or exactly as in the database.");
            }
            b.addTable(table, null);
        }
        b.close();
        return new ArchiveSelection(b.result(), b.notes);
    }

    List<TocEntry> entries() {
        return chosen;
    }

    /** What the selection brings beyond what was asked, and why; for the plan and the log. */
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

    /** The tables whose data is restored, each as {schema, name}. */
    List<String[]> tablesWithDataNames() {
        return chosen.stream().filter(TocEntry::isTableData).map(e -> new String[]{e.schema(), e.name()}).toList();
    }

    /** The tables whose definition is restored, each as {schema, name}. */
    List<String[]> tablesDefined() {
        return chosen.stream().filter(TocEntry::isTable).map(e -> new String[]{e.schema(), e.name()}).toList();
    }

    /**
     * The manifest's row counts of exactly the tables whose rows this selection restores, matched
     * by schema and name as they are (never by a joined string that a dot in a name makes ambiguous).
     */
    List<TableStat> expectedRows(List<TableStat> recorded) {
        Set<List<String>> wanted = new java.util.HashSet<>();
        chosen.stream().filter(TocEntry::isTableData).forEach(e -> wanted.add(List.of(e.schema(), e.name())));
        return recorded.stream().filter(t -> wanted.contains(List.of(t.schema(), t.name()))).toList();
    }
}
