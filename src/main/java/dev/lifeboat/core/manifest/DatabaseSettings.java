package dev.lifeboat.core.manifest;

import java.util.List;

/**
 * What belongs to the database itself rather than to its contents, read at backup time so a
 * restore can give the new database the same owner, settings, grants and comment.
 */
public record DatabaseSettings(String owner, String encoding, String collate, String ctype,
                               List<String> settings, String acl, String comment) {
}
