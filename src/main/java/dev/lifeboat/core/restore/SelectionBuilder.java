package dev.lifeboat.core.restore;

import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.TocEntry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/** Grows a selection: tables with their parts and partitions, then what they need, until nothing is added. */
final class SelectionBuilder {
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

    private final ArchiveToc toc;
    private final Predicate<TocEntry> inTarget;
    private final boolean dataOnly;
    private final Map<Integer, TocEntry> byId = new HashMap<>();
    final Set<Integer> ids = new LinkedHashSet<>();
    private final Set<Integer> tables = new LinkedHashSet<>();
    private final Deque<TocEntry> pending = new ArrayDeque<>();
    final List<String> notes = new ArrayList<>();

    SelectionBuilder(ArchiveToc toc, Predicate<TocEntry> inTarget, boolean dataOnly) {
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
}
