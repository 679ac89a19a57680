package dev.lifeboat.core.recovery;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of the intent journal: an operation began, will create a file or a database, is about
 * to close a target for the swap, or ended. Written before the thing it names exists.
 *
 * @param server the server as a conninfo without password (databases only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalLine(String op, String event, String kind, Long pid, String pidStart, String at, String file,
                          String server, String database, String target, String rollback, String backupId,
                          String mode) {
    static final String BEGIN = "begin";
    static final String FILE = "file";
    static final String DATABASE = "database";
    static final String SWAP = "swap";
    static final String SESSIONS = "sessions";
    static final String END = "end";
}
