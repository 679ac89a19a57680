package dev.lifeboat.cli;

import dev.lifeboat.core.archive.EarlyBackupRead;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.EntrySummary;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.EarlyConnection;
import dev.lifeboat.core.restore.EarlyCreate;
import dev.lifeboat.core.settings.AppPaths;
import dev.lifeboat.core.settings.SettingsStore;
import dev.lifeboat.core.verify.VerifyService;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@code restore} and {@code verify} start while picocli reads the rest of the command line
 * (decision 011): the backup's manifest entry and table of contents read on another thread, and for
 * {@code restore ID --to CONN --yes} the connection to the target server's maintenance database that
 * the password check takes and the restore plans and creates its database on (with {@code --mode new},
 * of a whole backup, the new database is made on it at once, before the plan: the restore claims it,
 * a refused plan drops it); for {@code verify ID
 * --depth full} the password check's connection to the server the backup came from. Whatever does not
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
        boolean full = false;
        String scratch = null;
        String mode = null;
        String newName = null;
        boolean whole = true;
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
                    case "--depth" -> full = value.equals("full");
                    case "--scratch" -> scratch = value;
                    case "--mode" -> mode = value;
                    case "--new-name" -> newName = value;
                    case "--table", "--schema", "--from" -> whole = false;
                    case "--at" -> {
                        return; // a destination's copy is checked, not the local file
                    }
                    default -> { }
                }
            } else if (a.equals("--yes")) {
                yes = true;
            } else if (a.equals("--dry-run") || a.equals("--json")) {
                shownFirst = true;
            } else if (a.equals("--data-only")) {
                whole = false;
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
        Path backups = folder != null ? folder : AppPaths.defaultBackupFolder();
        CompletableFuture<BackupEntry> entry = EarlyBackupRead.start(backups, id);
        if ("restore".equals(command) && to != null && yes && !shownFirst && !prompt) {
            String text = to;
            if ("new".equals(mode) && whole) {
                // the new database is made on that connection, before the plan (EarlyCreate.beforePlan)
                // (not when the target is the maintenance database: the restore then opens its own connection)
                String asked = newName;
                AtomicReference<String> name = new AtomicReference<>();
                EarlyConnection.start(() -> {
                    ConnectionSpec target = SettingsStore.standard().resolve(text);
                    boolean ownConnection = Databases.MAINTENANCE.equals(target.database());
                    name.set(ownConnection ? null : asked != null ? asked : target.database());
                    return target.withDatabase(Databases.MAINTENANCE);
                }, (server, c) -> name.get() == null || Databases.MAINTENANCE.equals(name.get()) ? () -> { }
                        : EarlyCreate.beforePlan(backups, server, c, name.get()));
            } else {
                EarlyConnection.start(() -> SettingsStore.standard().resolve(text).withDatabase(Databases.MAINTENANCE));
            }
        } else if ("verify".equals(command) && full && scratch == null && !prompt) {
            // The password check's connection to the server the backup came from: its index line says which,
            // long before its whole entry (2,000 tables) is parsed (else once the entry is read). On it the
            // scratch database is made before the verify asks for one, when the backup's file is there.
            String wanted = id;
            AtomicReference<BackupEntry> thin = new AtomicReference<>();
            EarlyConnection.start(() -> {
                ManifestStore store = new ManifestStore(backups);
                EntrySummary line = "latest".equalsIgnoreCase(wanted)
                        ? store.summaries(1).stream().findFirst().orElse(null) : store.summary(wanted);
                thin.set(line != null && store.fileExists(line.entry()) ? line.entry() : null);
                return VerifyService.scratchServerFor(line != null ? line.entry() : entry.join());
            }, (server, c) -> thin.get() == null ? () -> { } : VerifyService.scratchBeforeVerify(backups, server, c));
        }
    }
}
