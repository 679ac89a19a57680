package dev.lifeboat.core.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What a user chose once and expects remembered. Never a password. */
public record Settings(List<ConnectionProfile> connections, String pgBinFolder, String defaultVerifyDepth,
                       String backupFolder, List<String> recentFolders) {
    public Settings {
        connections = connections == null ? List.of() : List.copyOf(connections);
        recentFolders = recentFolders == null ? List.of() : List.copyOf(recentFolders);
    }

    public static Settings defaults() {
        return new Settings(List.of(), null, "archive", null, List.of());
    }

    public Optional<ConnectionProfile> connection(String name) {
        return connections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public Settings withConnection(ConnectionProfile profile) {
        List<ConnectionProfile> list = new ArrayList<>(connections);
        list.removeIf(c -> c.name().equals(profile.name()));
        list.add(profile);
        return new Settings(list, pgBinFolder, defaultVerifyDepth, backupFolder, recentFolders);
    }

    public Settings withoutConnection(String name) {
        List<ConnectionProfile> list = new ArrayList<>(connections);
        list.removeIf(c -> c.name().equals(name));
        return new Settings(list, pgBinFolder, defaultVerifyDepth, backupFolder, recentFolders);
    }

    public Settings withPgBinFolder(String folder) {
        return new Settings(connections, folder, defaultVerifyDepth, backupFolder, recentFolders);
    }

    public Settings withDefaultVerifyDepth(String depth) {
        return new Settings(connections, pgBinFolder, depth, backupFolder, recentFolders);
    }

    /** Makes the folder current and first among the recent ones (at most 8 kept). */
    public Settings withBackupFolder(String folder) {
        List<String> recent = new ArrayList<>(recentFolders);
        recent.remove(folder);
        recent.add(0, folder);
        return new Settings(connections, pgBinFolder, defaultVerifyDepth, folder,
                recent.subList(0, Math.min(8, recent.size())));
    }
}
