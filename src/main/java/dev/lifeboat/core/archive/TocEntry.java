package dev.lifeboat.core.archive;

/**
 * One line of an archive's table of contents as {@code pg_restore --list} prints it. pg_restore
 * prints names unquoted, so a name with spaces makes the split of {@code rest} ambiguous; the raw
 * line is kept for building {@code -L} lists.
 */
public record TocEntry(int dumpId, String kind, String schema, String name, String owner, String line) {
    public boolean isTableData() {
        return kind.equals("TABLE DATA");
    }

    public boolean isTable() {
        return kind.equals("TABLE");
    }

    /** True when this entry belongs to the given table (its definition, data, indexes, ...). */
    public boolean describes(String tableSchema, String tableName) {
        return tableSchema.equals(schema) && (tableName.equals(name) || name.startsWith(tableName + " "));
    }
}
