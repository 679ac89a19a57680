package dev.lifeboat.core.restore;

/**
 * The confirmation rule both front ends apply to a plan before a restore runs: the action named
 * after its target ("Replace database ledger"), and when the person must type the database's name.
 */
public final class RestoreConfirmation {
    private RestoreConfirmation() {
    }

    /** What the confirming button or prompt says a restore of the whole backup does. */
    public static String actionLabel(RestorePlan plan) {
        return actionLabel(plan, null);
    }

    /**
     * What the confirming button or prompt says the restore does: an in-place restore of some tables
     * or schemas replaces only those ("Replace 2 tables in ledger"), not the database.
     */
    public static String actionLabel(RestorePlan plan, RestoreRequest req) {
        return switch (plan.mode()) {
            case REPLACE -> "Replace database " + plan.targetDatabase();
            case NEW -> "Create database " + plan.workingDatabase();
            case IN_PLACE -> req != null && req.selective()
                    ? "Replace " + chosen(req) + " in " + plan.targetDatabase()
                    : "Overwrite database " + plan.targetDatabase();
        };
    }

    /** "2 tables", "schema sales", "1 table and 1 schema". */
    private static String chosen(RestoreRequest req) {
        String tables = count(req.tables().size(), "table");
        String schemas = count(req.schemas().size(), "schema");
        if (req.schemas().isEmpty()) {
            return tables;
        }
        return req.tables().isEmpty() ? schemas : tables + " and " + schemas;
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** The name a person types to confirm: the database the restore creates or changes. */
    public static String nameToType(RestorePlan plan) {
        return plan.mode() == RestoreMode.NEW ? plan.workingDatabase() : plan.targetDatabase();
    }

    /** A protected database is only changed when its name is typed; a new database needs no typing. */
    public static boolean typedNameRequired(RestorePlan plan) {
        return plan.targetProtected() && plan.mode() != RestoreMode.NEW;
    }

    /** Whether the plan may run with what was typed (null or blank: nothing typed). */
    public static boolean confirmed(RestorePlan plan, String typed) {
        if (!plan.allowed()) {
            return false;
        }
        return !typedNameRequired(plan) || nameToType(plan).equals(typed == null ? null : typed.strip());
    }
}
