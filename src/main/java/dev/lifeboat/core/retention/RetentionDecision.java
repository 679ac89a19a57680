package dev.lifeboat.core.retention;

import java.util.List;

/** Whether one backup stays, and every reason it stays (or why it goes). */
public record RetentionDecision(String backupId, String database, String created, String file, boolean keep,
                                List<String> reasons) {
}
