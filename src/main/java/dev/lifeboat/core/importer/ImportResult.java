package dev.lifeboat.core.importer;

import dev.lifeboat.core.manifest.BackupEntry;

import java.util.List;

/** What an import adopted, and what it passed over with the reason. */
public record ImportResult(List<BackupEntry> added, List<String> skipped) {
}
