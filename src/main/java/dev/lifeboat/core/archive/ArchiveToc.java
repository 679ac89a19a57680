package dev.lifeboat.core.archive;

import java.util.List;
import java.util.Map;

/** An archive's header (database, versions, dates) and its table of contents. */
public record ArchiveToc(Map<String, String> header, List<TocEntry> entries) {
    public String database() {
        return header.get("dbname");
    }

    public String pgDumpVersion() {
        return header.get("Dumped by pg_dump version");
    }

    public String serverVersion() {
        return header.get("Dumped from database version");
    }


    public List<TocEntry> tableData() {
        return entries.stream().filter(TocEntry::isTableData).toList();
    }
}
