package dev.lifeboat.core.manifest;

/** A table's row count in the backup's manifest against the count found after a test restore. */
public record TableCheck(String schema, String name, Long expected, Long actual, CheckStatus status) {
    public String qualifiedName() {
        return schema + "." + name;
    }
}
