package dev.lifeboat.core.importer;

import dev.lifeboat.core.manifest.BackupEntry;

import java.util.List;

/**
 * What an import adopted; what it could not adopt (a damaged file), with the reason; and what it
 * passed over on purpose (already in the catalog, a roles file, a partial or temporary file).
 */
public record ImportResult(List<BackupEntry> added, List<String> skipped, List<String> ignored) {
    public ImportResult {
        added = List.copyOf(added);
        skipped = List.copyOf(skipped);
        ignored = List.copyOf(ignored);
    }

    public ImportResult(List<BackupEntry> added, List<String> skipped) {
        this(added, skipped, List.of());
    }

    /** Nothing was adopted and nothing failed: the folder holds nothing new to adopt. */
    public boolean nothingToAdopt() {
        return added.isEmpty() && skipped.isEmpty();
    }
}
