package dev.lifeboat.cli;

import dev.lifeboat.core.archive.EarlyBackupRead;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.EarlyConnection;
import dev.lifeboat.core.settings.AppPaths;
import dev.lifeboat.core.settings.SettingsStore;

import java.nio.file.Path;
import java.util.Set;

/**
 * What {@code restore} and {@code verify} start while picocli reads the rest of the command line
 * (decision 011): the backup's manifest entry and table of contents read on another thread, and for
 * {@code restore ID --to CONN --yes} the connection to the target server's maintenance database that
 * the password check takes and the restore plans and creates its database on. Whatever does not
 * parse here is left alone: the command reports it.
 */
final class EarlyRestore {
    /** The options of restore and verify that take a value, so that a value is not taken for the backup's id. */
    private static final Set<String> WITH_VALUE = Set.of("--folder", "--pg-bin", "--to", "--mode", "--new-name",
            "--table", "--schema", "--jobs", "--confirm", "--identity", "--from", "--depth", "--scratch", "--at");

    private EarlyRestore() {
    }

    static void start(String[] args, boolean prompt) {
        Path folder = null;
        String command = null;
        String id = null;
        String to = null;
        boolean yes = false;
        boolean shownFirst = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String option = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[i + 1] : null;
            if (a.startsWith("--") && WITH_VALUE.contains(option)) {
                if (!a.contains("=")) {
                    i++;
                }
                if (value == null) {
                    return;
                }
                switch (option) {
                    case "--folder" -> folder = Path.of(value);
                    case "--to" -> to = value;
                    case "--at" -> {
                        return; // a destination's copy is checked, not the local file
                    }
                    default -> { }
                }
            } else if (a.equals("--yes")) {
                yes = true;
            } else if (a.equals("--dry-run") || a.equals("--json")) {
                shownFirst = true;
            } else if (!a.startsWith("-")) {
                if (command == null) {
                    command = a;
                } else if (id == null) {
                    id = a;
                }
            }
        }
        if (id == null) {
            return;
        }
        EarlyBackupRead.start(folder != null ? folder : AppPaths.defaultBackupFolder(), id);
        if ("restore".equals(command) && to != null && yes && !shownFirst && !prompt) {
            String text = to;
            EarlyConnection.start(() -> SettingsStore.standard().resolve(text).withDatabase(Databases.MAINTENANCE));
        }
    }
}
