package dev.lifeboat.core.restore;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.TocEntry;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.Pg;

import java.sql.Connection;
import java.sql.SQLException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    private static final Set<String> TABLE_PARTS = Set.of("TABLE", "TABLE DATA", "CONSTRAINT", "FK CONSTRAINT",
            "CHECK CONSTRAINT", "DEFAULT", "TRIGGER", "POLICY", "ROW SECURITY", "RULE", "INDEX", "ACL", "COMMENT",
            "SEQUENCE", "SEQUENCE OWNED BY", "SEQUENCE SET", "STATISTICS", "SECURITY LABEL", "TABLE ATTACH",
            "INDEX ATTACH");
    /**
     * Parts whose tag starts with the name of the table they are on: they are taken by that name,
     * since their dependencies also name other tables (a foreign key depends on the key it
     * references, a policy on the tables its expression reads).
     */
    private static final Set<String> NAMED_AFTER_TABLE = Set.of("CONSTRAINT", "FK CONSTRAINT", "CHECK CONSTRAINT",
            "DEFAULT", "TRIGGER", "POLICY", "ROW SECURITY", "RULE");
    /** Objects a table may need to exist, brought when the target lacks them. */
    private static final Set<String> NEEDED_KINDS = Set.of("SCHEMA", "TYPE", "SHELL TYPE", "DOMAIN", "FUNCTION",
            "PROCEDURE", "AGGREGATE", "SEQUENCE", "EXTENSION", "COLLATION", "OPERATOR", "CONVERSION",
            "TEXT SEARCH CONFIGURATION", "TEXT SEARCH DICTIONARY", "PROCEDURAL LANGUAGE");
    /** What comes with any chosen object once everything it is on is chosen. */
    private static final Set<String> DECORATIONS = Set.of("ACL", "COMMENT", "SECURITY LABEL", "SEQUENCE SET",
            "SEQUENCE OWNED BY");

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
        Builder b = new Builder(toc, inTarget, dataOnly);
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

    /** Grows a selection: tables with their parts and partitions, then what they need, until nothing is added. */
    private static final class Builder {
        private final ArchiveToc toc;
        private final Predicate<TocEntry> inTarget;
        private final boolean dataOnly;
        private final Map<Integer, TocEntry> byId = new HashMap<>();
        private final Set<Integer> ids = new LinkedHashSet<>();
        private final Set<Integer> tables = new LinkedHashSet<>();
        private final Deque<TocEntry> pending = new ArrayDeque<>();
        private final List<String> notes = new ArrayList<>();

        Builder(ArchiveToc toc, Predicate<TocEntry> inTarget, boolean dataOnly) {
            this.toc = toc;
            this.inTarget = inTarget;
            this.dataOnly = dataOnly;
            toc.entries().forEach(e -> byId.put(e.dumpId(), e));
        }

        void addTable(TocEntry table, String why) {
            if (tables.add(table.dumpId())) {
                pending.add(table);
                if (why != null) {
                    notes.add("Also restores " + SqlNames.display(table.schema(), table.name()) + ": " + why + ".");
                }
            }
        }

        private List<Integer> deps(int id) {
            return toc.dependencies().getOrDefault(id, List.of());
        }

        void close() {
            boolean grew = true;
            while (grew) {
                while (!pending.isEmpty()) {
                    TocEntry t = pending.pop();
                    ids.addAll(toc.dependencies().isEmpty() ? partsByName(toc, t.schema(), t.name())
                            : partsByDependency(toc, t));
                    // partitions (and inheritance children) depend on their parent table
                    toc.entries().stream().filter(e -> e.isTable() && deps(e.dumpId()).contains(t.dumpId()))
                            .forEach(p -> addTable(p, "a partition of " + SqlNames.display(t.schema(), t.name())));
                }
                grew = !dataOnly && bringNeeds();
            }
            if (!dataOnly) {
                boolean more = true;
                while (more) {
                    more = false;
                    for (TocEntry e : toc.entries()) {
                        List<Integer> d = deps(e.dumpId());
                        if (!ids.contains(e.dumpId()) && DECORATIONS.contains(e.kind()) && !d.isEmpty()
                                && ids.containsAll(d)) {
                            ids.add(e.dumpId());
                            more = true;
                        }
                    }
                }
            }
        }

        /** Adds what chosen entries depend on and the target lacks; true when something was added. */
        private boolean bringNeeds() {
            boolean added = false;
            for (Integer id : List.copyOf(ids)) {
                TocEntry user = byId.get(id);
                for (Integer d : deps(id)) {
                    TocEntry need = byId.get(d);
                    if (need == null || ids.contains(d) || user == null) {
                        continue;
                    }
                    if (NEEDED_KINDS.contains(need.kind())) {
                        if (inTarget == null || !inTarget.test(need)) {
                            ids.add(d);
                            added = true;
                        }
                    } else if (user.kind().equals("FK CONSTRAINT")
                            && (need.kind().equals("CONSTRAINT") || need.kind().equals("INDEX") || need.isTable())) {
                        TocEntry referenced = need.isTable() ? need : tableOf(need);
                        if (referenced != null && !tables.contains(referenced.dumpId())
                                && (inTarget == null || !inTarget.test(referenced))) {
                            addTable(referenced, "the foreign key " + constraintOf(user.name()) + " of "
                                    + SqlNames.display(user.schema(), tableOfTag(user.name())) + " references it");
                            added = true;
                        }
                    }
                }
            }
            return added || !pending.isEmpty();
        }

        /** A constraint's tag is "TABLE CONSTRAINT"; names with spaces are told apart by the tables known. */
        private String tableOfTag(String tag) {
            return toc.entries().stream().filter(e -> e.isTable() && tag.startsWith(e.name() + " "))
                    .map(TocEntry::name).max(java.util.Comparator.comparingInt(String::length))
                    .orElse(tag.contains(" ") ? tag.substring(0, tag.indexOf(' ')) : tag);
        }

        private String constraintOf(String tag) {
            String table = tableOfTag(tag);
            return tag.length() > table.length() ? tag.substring(table.length() + 1) : tag;
        }

        private TocEntry tableOf(TocEntry part) {
            return deps(part.dumpId()).stream().map(byId::get).filter(e -> e != null && e.isTable()).findFirst()
                    .orElse(null);
        }

        List<TocEntry> result() {
            List<TocEntry> result = new ArrayList<>(toc.entries().stream().filter(e -> ids.contains(e.dumpId())).toList());
            if (dataOnly) {
                result.removeIf(e -> !e.kind().equals("TABLE DATA") && !e.kind().equals("SEQUENCE SET"));
            }
            return result;
        }
    }

    /**
     * The table, what depends on it, and what depends on those in turn (an index's comment, a
     * sequence's value); a sequence comes with the table that owns it.
     */
    private static List<Integer> partsByDependency(ArchiveToc toc, TocEntry table) {
        Set<Integer> ids = new LinkedHashSet<>();
        ids.add(table.dumpId());
        Map<Integer, TocEntry> byId = new HashMap<>();
        toc.entries().forEach(e -> byId.put(e.dumpId(), e));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (TocEntry e : toc.entries()) {
                if (ids.contains(e.dumpId()) || !TABLE_PARTS.contains(e.kind()) || e.isTable()) {
                    continue;
                }
                List<Integer> deps = toc.dependencies().getOrDefault(e.dumpId(), List.of());
                boolean belongs = NAMED_AFTER_TABLE.contains(e.kind()) ? e.describes(table.schema(), table.name())
                        : deps.stream().anyMatch(ids::contains);
                if (belongs) {
                    ids.add(e.dumpId());
                    grew = true;
                    if (e.kind().equals("SEQUENCE OWNED BY")) {
                        deps.stream().map(byId::get).filter(d -> d != null && d.kind().equals("SEQUENCE"))
                                .forEach(d -> ids.add(d.dumpId()));
                    }
                }
            }
        }
        return List.copyOf(ids);
    }

    /** Without dependencies: the parts on the table by name, and indexes and sequences named after it. */
    private static List<Integer> partsByName(ArchiveToc toc, String schema, String table) {
        List<Integer> parts = new ArrayList<>();
        for (TocEntry e : toc.entries()) {
            if (!TABLE_PARTS.contains(e.kind()) || !e.schema().equals(schema)) {
                continue;
            }
            boolean ownsSequence = e.kind().startsWith("SEQUENCE") && e.name().startsWith(table + "_");
            boolean namedIndex = e.kind().equals("INDEX") && e.name().startsWith(table + "_");
            if (e.describes(schema, table) || ownsSequence || namedIndex) {
                parts.add(e.dumpId());
            }
        }
        return parts;
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
