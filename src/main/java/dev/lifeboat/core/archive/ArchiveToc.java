package dev.lifeboat.core.archive;

import java.util.List;
import java.util.Map;

/**
 * An archive's header (database, versions, dates) and its table of contents as pg_restore lists
 * it, with each entry's dependencies (by dump id) where the archive could be read in-process
 * (empty otherwise: pg_restore --list does not print them), and the roles its grants name.
 */
public record ArchiveToc(Map<String, String> header, List<TocEntry> entries, Map<Integer, List<Integer>> dependencies,
                         Map<Integer, List<String>> grantees) {
    public ArchiveToc(Map<String, String> header, List<TocEntry> entries) {
        this(header, entries, Map.of(), Map.of());
    }

    public ArchiveToc(Map<String, String> header, List<TocEntry> entries, Map<Integer, List<Integer>> dependencies) {
        this(header, entries, dependencies, Map.of());
    }

    public ArchiveToc withDependencies(Map<Integer, List<Integer>> deps) {
        return new ArchiveToc(header, entries, Map.copyOf(deps), grantees);
    }

    /** The roles the grants among these entries name (read in-process; empty when not read). */
    public List<String> granteesOf(List<TocEntry> some) {
        return some.stream().flatMap(e -> grantees.getOrDefault(e.dumpId(), List.of()).stream()).distinct().toList();
    }

    public String database() {
        return header.get("dbname");
    }

    public String pgDumpVersion() {
        return header.get("Dumped by pg_dump version");
    }

    public String serverVersion() {
        return header.get("Dumped from database version");
    }


    /**
     * How many entries the archive's table of contents holds ("TOC Entries" in pg_restore's header);
     * more than {@link #entries()}, which leaves out what pg_restore does not restore by default
     * (encoding, search path, the database itself).
     */
    public int totalEntries() {
        String total = header.get("TOC Entries");
        if (total != null) {
            try {
                return Integer.parseInt(total.strip());
            } catch (NumberFormatException e) {
                return entries.size();
            }
        }
        return entries.size();
    }

    public List<TocEntry> tableData() {
        return entries.stream().filter(TocEntry::isTableData).toList();
    }
}
