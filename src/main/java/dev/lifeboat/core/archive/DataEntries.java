package dev.lifeboat.core.archive;

import dev.lifeboat.core.manifest.TableStat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An archive's table data entries in the order a pg_restore that writes a script emits their
 * COPY: the archive's own order, or with -L the list file's (pg_restore sorts its entries by the
 * list). Only entries that hold data (pg_dump wrote a data dumper for them) emit one.
 */
final class DataEntries {
    /** A list line pg_restore takes: the dump id, then ';' (a line starting with ';' is a comment). */
    private static final Pattern LIST_LINE = Pattern.compile("^\\s*(\\d{1,9});");

    private DataEntries() {
    }

    /** Each entry's table as schema and name; null when the archive's table of contents is not read in-process. */
    static List<TableStat> inRestoreOrder(Path archive, Path listFile) {
        Optional<ArchiveHeader.Contents> contents;
        try {
            contents = ArchiveContents.of(archive);
        } catch (IOException e) {
            return null;
        }
        if (contents.isEmpty()) {
            return null;
        }
        List<ArchiveEntry> entries = contents.get().entries();
        if (listFile != null) {
            try {
                entries = inListOrder(entries, Files.readAllLines(listFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                return null;
            }
        }
        List<TableStat> data = new ArrayList<>();
        for (ArchiveEntry e : entries) {
            if ("TABLE DATA".equals(e.desc()) && e.hadDumper()) {
                data.add(new TableStat(e.namespace(), e.tag(), null, null));
            }
        }
        return List.copyOf(data);
    }

    /** The entries a list names, in its order, each once. */
    static List<ArchiveEntry> inListOrder(List<ArchiveEntry> entries, List<String> listLines) {
        Map<Integer, ArchiveEntry> byId = new HashMap<>();
        entries.forEach(e -> byId.put(e.dumpId(), e));
        List<ArchiveEntry> ordered = new ArrayList<>();
        for (String line : listLines) {
            Matcher m = LIST_LINE.matcher(line);
            if (m.find()) {
                ArchiveEntry e = byId.remove(Integer.parseInt(m.group(1)));
                if (e != null) {
                    ordered.add(e);
                }
            }
        }
        return ordered;
    }
}
