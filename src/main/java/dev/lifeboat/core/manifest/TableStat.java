package dev.lifeboat.core.manifest;

/** One table as recorded at backup time: its row count in the dump's snapshot and its size. */
public record TableStat(String schema, String name, Long rows, Long bytes) {
    public String qualifiedName() {
        return schema + "." + name;
    }
}
