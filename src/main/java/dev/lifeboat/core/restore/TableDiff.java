package dev.lifeboat.core.restore;

/** A table's rows in the target now against the backup; null where the table is absent on that side. */
public record TableDiff(String schema, String name, Long rowsNow, Long rowsInBackup) {
    public String qualifiedName() {
        return schema + "." + name;
    }

    /** In words: "only in the backup", "only in the target", "+12 rows", "-3 rows", "same". */
    public String change() {
        if (rowsNow == null) {
            return "only in the backup (will be created)";
        }
        if (rowsInBackup == null) {
            return "only in the target";
        }
        long d = rowsInBackup - rowsNow;
        return d == 0 ? "same" : (d > 0 ? "+" + d : Long.toString(d)) + (Math.abs(d) == 1 ? " row" : " rows");
    }
}
