package dev.lifeboat.core.destination;

import dev.lifeboat.core.manifest.BackupEntry;

import java.util.List;

/** Synthetic manifest entries for tests that need backups of given dates, not real dumps. */
final class Entries {
    private Entries() {
    }

    static BackupEntry entry(String id, String datetime, String file, String hash) {
        return new BackupEntry(id, null, datetime, "db", "localhost", 5432, "u", "", List.of("manual"), "manual",
                file, "custom", 8L, 0.0, hash, "SHA-256", 0, "exact", List.of(), "15", 150000, "15", 1L, 1.0, 1, null,
                null, null, false, List.of(), null);
    }
}
