package dev.lifeboat.core.restore;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.CommitGate;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.archive.TocEntry;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.pg.Databases;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.pg.PgVersions;
import dev.lifeboat.core.pg.ServerInfo;
import dev.lifeboat.core.util.SafeFiles;
import dev.lifeboat.core.util.Sizes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The restore plan's preflight (moved out of {@link RestorePlanner}): the backup's file and hash,
 * the tools, the mode against the target, the roles the archive needs and the free space. Problems
 * are collected, not thrown, so the plan can show all of them at once.
 */
final class RestorePreflight {
    private final ManifestStore store;
    private final PgToolLocator tools;
    private final RestoreRequest req;
    private final CancelToken cancel;
    private final BiFunction<Path, CancelToken, ArchiveToc> tocReader;
    private final CheckedHashes hashes;
    private final BackupEntry entry;
    private final List<PlanProblem> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private CommitGate gate = CommitGate.open();

    /** When the backup's SHA-256 is compared with the manifest. */
    enum HashCheck {
        /** before the plan is done: a plan someone reads, or a restore into the target itself */
        NOW,
        /** beside the restore's load, which commits only once it matched ({@link CommitGate}) */
        BESIDE_RESTORE,
        /** not in this plan: the restore that follows at once, unread, checks it beside its load */
        BY_THE_RESTORE
    }

    RestorePreflight(ManifestStore store, PgToolLocator tools, RestoreRequest req, CancelToken cancel,
                     BiFunction<Path, CancelToken, ArchiveToc> tocReader, CheckedHashes hashes, BackupEntry entry) {
        this.store = store;
        this.tools = tools;
        this.req = req;
        this.cancel = cancel;
        this.tocReader = tocReader;
        this.hashes = hashes;
        this.entry = entry;
    }

    List<PlanProblem> problems() {
        return List.copyOf(problems);
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    /** What a selective restore brings beyond the tables asked for, and why. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    void checkFile(Path file, HashCheck when) {
        if (!Files.isRegularFile(file) && !(ArchiveFiles.isDirectoryBackup(entry) && Files.isDirectory(file))) {
            refuse("The backup file " + file + " is missing. Choose another backup.");
            return;
        }
        if (entry.hash() == null) {
            warnings.add("The manifest records no SHA-256 for this backup, so its integrity cannot be checked.");
            return;
        }
        if (when == HashCheck.BY_THE_RESTORE) {
            return;
        }
        try {
            // A file (not a folder, not encrypted: that is decrypted first) read for the first time is
            // hashed while pg_restore runs (decision 011): its thread starts with the loader (CommitGate).
            if (when == HashCheck.BESIDE_RESTORE && Files.isRegularFile(file) && !entry.isEncrypted()
                    && hashes.known(file) == null) {
                gate = CommitGate.checkingFromStart("restore-sha256", () -> hashProblem(file));
                return;
            }
        } catch (IOException e) {
            refuse("Cannot read the backup file " + file + ": " + e.getMessage());
            return;
        }
        String problem = hashProblem(file);
        if (problem != null) {
            refuse(problem);
        }
    }

    /** Why the file does not match the manifest's SHA-256, or null when it does. */
    private String hashProblem(Path file) {
        try {
            String hash = hashes.sha256(file, cancel);
            if (!hash.equalsIgnoreCase(entry.hash())) {
                return "The backup's SHA-256 does not match the manifest: " + entry.file() + " is damaged or "
                        + "was replaced. Choose another backup.";
            }
            return null;
        } catch (IOException e) {
            return "Cannot read the backup file " + file + ": " + e.getMessage();
        }
    }

    /**
     * The SHA-256 check running beside the restore, or an open gate when it was made before. A restore
     * that changes the target itself (in place) waits for it here: its safety backup and clearing
     * would otherwise start before the file was known to be the backup.
     */
    CommitGate gate(RestoreMode mode) {
        if (mode == RestoreMode.IN_PLACE) {
            String refused = gate.awaitRefusal();
            if (refused != null) {
                refuse(refused);
            }
            gate = CommitGate.open();
        }
        return gate;
    }

    void checkTools(BackupFormat format) {
        try {
            if (format == BackupFormat.CUSTOM) {
                var v = entry.pgDumpVersion() == null ? null
                        : PgVersions.parseToolVersion("(PostgreSQL) " + entry.pgDumpVersion());
                tools.require(PgTool.PG_RESTORE, v == null ? 0 : v.majorKey());
            } else {
                tools.require(PgTool.PSQL, 0);
                if (req.selective()) {
                    refuse("Selected tables or schemas can be restored from pg_dump archives only, not from "
                            + "plain SQL scripts.");
                }
            }
        } catch (LifeboatException e) {
            refuse(e.getMessage().replace("cannot work with", "cannot read an archive for"), e.remedy());
        }
    }

    /** @param ours whether {@code working} exists because this restore made it (before its plan) */
    void checkMode(Connection c, ServerInfo info, RestoreMode mode, boolean exists, String target,
                           String working, boolean ours) throws SQLException {
        if (mode == RestoreMode.NEW && !ours && Databases.exists(c, working)) {
            refuse("A database named " + working + " already exists on " + req.target().host() + ".",
                    Remedy.CHOOSE_NEW_NAME);
        }
        if (mode != RestoreMode.NEW && !exists) {
            refuse("There is no database " + target + " to " + (mode == RestoreMode.REPLACE ? "replace" : "restore into")
                    + ". Choose 'new' to create it.");
        }
        if (mode == RestoreMode.REPLACE && req.selective()) {
            refuse("Selected tables or schemas are restored in place or into a new database, not by replacing "
                    + "the whole database. Choose in-place or new.");
        }
        if (mode != RestoreMode.IN_PLACE && !info.canCreateDatabases()) {
            refuse("User '" + info.user() + "' may not create databases, which a " + mode.label()
                    + " restore needs. Connect as a user with CREATEDB (ALTER ROLE " + info.user()
                    + " CREATEDB) or as a superuser, or use an in-place restore.");
        }
        if (mode == RestoreMode.REPLACE && exists && !info.superuser() && !owns(c, target)) {
            refuse("User '" + info.user() + "' does not own " + target + ", so it may not rename it. Connect "
                    + "as its owner or a superuser.");
        }
    }

    private boolean owns(Connection c, String db) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_has_role(current_user, datdba, 'MEMBER') FROM pg_database WHERE datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    List<String> missingRoles(Connection c, Path file, BackupFormat format, RestoreMode mode) throws SQLException {
        if (format != BackupFormat.CUSTOM || !Files.exists(file) || !problems.isEmpty()) {
            return List.of();
        }
        ArchiveToc toc;
        try {
            toc = tocReader.apply(file, cancel);
        } catch (LifeboatException e) {
            refuse(e.getMessage(), e.remedy());
            return List.of();
        }
        List<TocEntry> relevant = toc.entries();
        if (req.selective()) {
            ArchiveSelection sel = ArchiveSelection.forRequest(toc, req, mode);
            relevant = sel.entries();
            notes.addAll(sel.notes());
            if (!sel.blocking().isEmpty()) {
                refuse(RestorePlanner.blockingMessage(sel));
            }
        }
        // owners, and the roles grants and default privileges name; not those the restore leaves out
        Set<String> needed = new TreeSet<>();
        if (!req.noOwner()) {
            relevant.stream().map(TocEntry::owner).filter(o -> !o.isBlank()).forEach(needed::add);
        }
        if (!req.noPrivileges()) {
            needed.addAll(toc.granteesOf(relevant));
        }
        needed.removeAll(DatabaseSettingsApplier.roles(c));
        List<String> missing = List.copyOf(needed);
        if (!missing.isEmpty()) {
            boolean haveGlobals = entry.globals() != null && entry.globals().file() != null
                    && Files.isRegularFile(store.rolesFileOf(entry));
            if (!req.createMissingRoles()) {
                refuse("The target server lacks the role(s) " + String.join(", ", missing) + " that own objects "
                        + "or are granted privileges in the backup. Create them, let Lifeboat create them from the "
                        + "roles saved with the backup" + (haveGlobals ? "" : ", which this backup does not have") + ", or "
                        + "restore without owners and privileges.", haveGlobals ? Remedy.CREATE_ROLES : Remedy.NO_OWNER);
            } else if (!haveGlobals) {
                refuse("The role(s) " + String.join(", ", missing) + " are missing and this backup has no saved "
                        + "roles file to create them from. Create them by hand first, or restore without owners and "
                        + "privileges.", Remedy.NO_OWNER);
            } else {
                warnings.add("The role(s) " + String.join(", ", missing) + " will be created from the roles saved with "
                        + "the backup, without passwords (set one before they log in), with their memberships; they "
                        + "are dropped again if the restore fails.");
            }
        }
        return missing;
    }

    void refuse(String message) {
        refuse(message, Remedy.NONE);
    }

    void refuse(String message, Remedy remedy) {
        problems.add(new PlanProblem(message, remedy));
    }

    void checkSpace(Connection c, RestoreMode mode) {
        long dbSize = entry.databaseSizeBytes() == null ? 0 : entry.databaseSizeBytes();
        if (mode == RestoreMode.IN_PLACE) {
            long free = SafeFiles.usableSpace(store.folder());
            long need = entry.sizeBytes() == null ? 0 : entry.sizeBytes();
            if (free >= 0 && free < need * 1.2) {
                refuse("The backup folder has " + Sizes.bytes(free) + " free, too little for the safety backup "
                        + "of the target (about " + Sizes.bytes(need) + "). Free some space first.");
            }
            return;
        }
        try {
            Path dataDir = Path.of(Databases.queryString(c, "SHOW data_directory"));
            if (Files.isDirectory(dataDir)) {
                long free = SafeFiles.usableSpace(dataDir);
                if (free >= 0 && free < dbSize * 1.1) {
                    refuse("The server's disk has " + Sizes.bytes(free) + " free; the restored copy needs about "
                            + Sizes.bytes(dbSize) + " beside the current database. Free space, or restore in place.");
                }
                return;
            }
        } catch (SQLException | RuntimeException ignored) {
            // only superusers and pg_read_all_settings members may read data_directory
        }
        warnings.add("Free space on the server cannot be checked from here; the restored copy needs about "
                + Sizes.bytes(dbSize) + ".");
    }
}
