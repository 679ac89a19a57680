package dev.lifeboat.core.recovery;

/**
 * Something an interrupted operation left behind, and what cleaning it does.
 *
 * @param kind      FILE (delete it), DATABASE (drop it), CLOSED_TARGET (allow connections again),
 *                  UNRECORDED_RESTORE (write the operations-log record the killed restore never wrote)
 * @param operation the journal's id of the interrupted operation, or null for a file found by name
 * @param server    the server as a conninfo without password, for databases
 */
public record Leftover(Kind kind, String operation, String name, String server, String detail) {
    public enum Kind { FILE, DATABASE, CLOSED_TARGET, UNRECORDED_RESTORE }

    /** One line for people: what it is and what cleaning does. */
    public String describe() {
        return switch (kind) {
            case FILE -> "file " + name + " (" + detail + "): delete it";
            case DATABASE -> "database " + name + " on " + server + " (" + detail + "): drop it";
            case CLOSED_TARGET -> "database " + name + " on " + server + " refuses connections (" + detail
                    + "): allow connections again";
            case UNRECORDED_RESTORE -> "restore " + operation + " into " + name + " finished but was never recorded ("
                    + detail + "): record it, so that rollback and discard know its rollback point";
        };
    }
}
