package dev.lifeboat.core.importer;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.archive.ArchiveInspector;
import dev.lifeboat.core.archive.ArchiveToc;
import dev.lifeboat.core.archive.BackupFormat;
import dev.lifeboat.core.archive.TocEntry;
import dev.lifeboat.core.crypto.AgeFiles;
import dev.lifeboat.core.crypto.AgeKeys;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.manifest.BackupFileNames;
import dev.lifeboat.core.manifest.EncryptionInfo;
import dev.lifeboat.core.manifest.Manifest;
import dev.lifeboat.core.manifest.ManifestStore;
import dev.lifeboat.core.manifest.TableStat;
import dev.lifeboat.core.pg.PgTool;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.recovery.Journal;
import dev.lifeboat.core.util.Hashing;
import dev.lifeboat.core.util.SafeFiles;
import dev.lifeboat.core.util.Sizes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Adopts backup files made outside Lifeboat (.dump, .backup, .sql, .sql.gz) into the manifest:
 * hashed, sized, and for archives their table of contents read. Files outside the backup folder
 * are copied into it, hashed during the copy.
 */
public final class ImportService {
    private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
    private static final Pattern DB_PREFIX = Pattern.compile("^(.+?)_\\d{8}_\\d{6}");

    private final ManifestStore store;
    private final PgToolLocator tools;
    private final Path identity;

    public ImportService(ManifestStore store, PgToolLocator tools) {
        this(store, tools, null);
    }

    /** @param identity the age identity file that opens encrypted (.age) files to import (null: none) */
    public ImportService(ManifestStore store, PgToolLocator tools, Path identity) {
        this.store = store;
        this.tools = tools;
        this.identity = identity;
    }

    public ImportResult importFiles(List<Path> paths, ProgressListener progress, CancelToken cancel) {
        List<Path> files = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Path p : paths) {
            List<Path> found = expand(p);
            if (found.isEmpty()) {
                ignored.add(p + ": holds nothing to import; " + DirectoryImport.EXPECTED);
            }
            files.addAll(found);
        }
        SafeFiles.ensureFolder(store.folder());
        List<BackupEntry> added = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int i = 0;
        for (Path file : files) {
            cancel.throwIfCancelled("The import");
            progress.progress(i++, files.size(), "Importing " + file.getFileName());
            String name = file.getFileName().toString();
            if (BackupFileNames.isRolesFile(name)) {
                ignored.add(file + ": the roles and tablespaces saved beside a backup, not a database backup");
                continue;
            }
            if (BackupFileNames.isLeftover(name)) {
                ignored.add(file + ": a partial or temporary file of an interrupted operation (a recovery run "
                        + "removes those)");
                continue;
            }
            Manifest current = store.overview();
            Path inFolder = store.folder().resolve(Files.isDirectory(file) ? DirectoryImport.targetName(name) : name);
            boolean local = file.toAbsolutePath().normalize().getParent().equals(store.folder());
            if (referenced(current, file)) {
                ignored.add(file + ": already in the catalog");
                continue;
            }
            try {
                BackupEntry entry = adopt(file, local ? file : uniqueTarget(inFolder), cancel);
                Manifest after = store.update(m -> m.withAdded(entry));
                added.add(after.backups().stream().filter(b -> entry.file().equals(b.file())).reduce((a, b) -> b)
                        .orElse(entry));
                LOG.info("Imported {} as {}", file, entry.file());
            } catch (LifeboatException e) {
                if (e.code() == ErrorCode.CANCELLED || e.code() == ErrorCode.MANIFEST_DAMAGED) {
                    throw e;
                }
                skipped.add(file + ": " + e.getMessage());
            } catch (IOException e) {
                skipped.add(file + ": " + e.getMessage());
            }
        }
        progress.progress(files.size(), files.size(), "Imported " + added.size() + " of " + files.size() + " files");
        return new ImportResult(added, skipped, ignored);
    }

    /** Whether an entry already names this file, as its backup or its roles file (compared by real path). */
    private boolean referenced(Manifest m, Path file) {
        Path real = realPath(file);
        for (BackupEntry b : m.backups()) {
            if (b.file() != null && real.equals(realPath(store.folder().resolve(b.file())))) {
                return true;
            }
            if (b.globals() != null && b.globals().file() != null
                    && real.equals(realPath(store.folder().resolve(b.globals().file())))) {
                return true;
            }
        }
        return false;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    private static List<Path> expand(Path p) {
        if (!Files.exists(p)) {
            throw new LifeboatException(ErrorCode.USAGE, p + " does not exist.");
        }
        try {
            if (!Files.isDirectory(p) || DirectoryImport.isBackupFolder(p)) {
                return List.of(p);
            }
            List<Path> found;
            try (Stream<Path> s = Files.list(p)) {
                // Roles and partial files are listed too, so that the result says why each was passed over.
                found = s.filter(f -> Files.isRegularFile(f) && mentionable(f.getFileName().toString())
                        || DirectoryImport.isBackupFolder(f)).sorted().toList();
            }
            // only data files, without their table of contents: adopt() refuses it, saying what it expected
            return found.isEmpty() && DirectoryImport.looksLikeBackupFolder(p) ? List.of(p) : found;
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot list " + p + ": " + e.getMessage(), e);
        }
    }

    static boolean isBackupName(String name) {
        // an encrypted file is named as the file it holds, with .age after it
        String n = name.toLowerCase(Locale.ROOT).endsWith(".age") ? name.substring(0, name.length() - 4) : name;
        return BackupFileNames.isBackupFile(n);
    }

    private static boolean mentionable(String name) {
        return isBackupName(name) || BackupFileNames.isRolesFile(name)
                || name.endsWith(BackupFileNames.PARTIAL_SUFFIX) && isBackupName(name.substring(0,
                name.length() - BackupFileNames.PARTIAL_SUFFIX.length()));
    }

    private Path uniqueTarget(Path wanted) {
        Path candidate = wanted;
        String name = wanted.getFileName().toString();
        String stem = BackupFileNames.stem(name);
        String ext = BackupFileNames.extension(name);
        for (int i = 2; Files.exists(candidate); i++) {
            candidate = wanted.resolveSibling(stem + "_" + i + ext);
        }
        return candidate;
    }

    private BackupEntry adopt(Path source, Path target, CancelToken cancel) throws IOException {
        if (Files.isDirectory(source)) {
            return DirectoryImport.adopt(source, target, store.folder(), identity,
                    (readable, hash) -> describe(source, target, readable, hash, cancel), cancel);
        }
        boolean sealed = AgeFiles.isAge(source);
        requireIdentity(source, sealed, identity);
        String hash = source.equals(target) ? Hashing.sha256(target, ProgressListener.NONE, cancel) : copyHashing(source, target);
        Path plain = null;
        try {
            if (sealed) {
                plain = AgeFiles.decryptToTemporary(source.getFileName().toString(), List.of(), target, identity, cancel);
            }
            BackupEntry entry = describe(source, target, plain == null ? target : plain, hash, cancel);
            return sealed ? entry.withEncryption(new EncryptionInfo(EncryptionInfo.AGE, recipientsOf(identity))) : entry;
        } catch (LifeboatException e) {
            if (!source.equals(target)) {
                Files.deleteIfExists(target);
            }
            throw e;
        } finally {
            AgeFiles.deleteQuietly(plain);
        }
    }

    /** An encrypted backup is read to be described, so importing it needs the identity that opens it. */
    static void requireIdentity(Path source, boolean sealed, Path identity) {
        if (sealed && identity == null) {
            throw new LifeboatException(ErrorCode.USAGE, source.getFileName() + " is encrypted (age): importing it "
                    + "needs the identity file that opens it, to read what it holds. Give its path, or set "
                    + AgeFiles.IDENTITY_ENV + ".");
        }
    }

    /** The public keys an identity file names (its "# public key:" lines), recorded for messages. */
    static List<String> recipientsOf(Path identityFile) {
        try {
            return AgeKeys.recipients(List.of(identityFile.toString()));
        } catch (LifeboatException e) {
            return List.of();
        }
    }

    /** The entry for a stored file, read from its readable (plain) form. */
    private BackupEntry describe(Path source, Path target, Path readable, String hash, CancelToken cancel)
            throws IOException {
        boolean folder = Files.isDirectory(readable);
        BackupFormat format = folder ? BackupFormat.CUSTOM : BackupFormat.detect(readable); // pg_restore reads both alike
        long size = ArchiveFiles.size(target);
        OffsetDateTime modified = OffsetDateTime.ofInstant(Files.getLastModifiedTime(target).toInstant(),
                ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS);
        String name = target.getFileName().toString();
        String stem = BackupFileNames.stem(name);
        Matcher m = DB_PREFIX.matcher(stem);
        String database = m.find() ? m.group(1) : stem;
        ArchiveToc toc = null;
        List<TableStat> tables = null;
        if (format == BackupFormat.CUSTOM) {
            // exact names: pg_restore --list prints them unquoted, ambiguous when they hold spaces
            toc = ArchiveInspector.withExactEntries(
                    new ArchiveInspector(tools.require(PgTool.PG_RESTORE, 0)).list(readable, cancel), readable);
            if (toc.database() != null) {
                database = toc.database();
            }
            tables = new ArrayList<>();
            for (TocEntry e : toc.tableData()) {
                tables.add(new TableStat(e.schema(), e.name(), null, null));
            }
            // dated by the archive's own header, not by when it was copied here
            OffsetDateTime created = createdAt(toc.header().get("Archive created at"));
            if (created != null) {
                modified = created;
            }
        }
        if (folder) {
            SafeFiles.ownerOnlyFolder(target);
        } else {
            SafeFiles.ownerOnly(target);
        }
        return new BackupEntry(stem, modified.format(BackupEntry.TIMESTAMP), modified.toString(), database, null, null,
                null, "Imported from " + source.toAbsolutePath(), List.of("imported"), "imported", name,
                folder ? BackupFormat.DIRECTORY_LABEL : format.label(), size, Sizes.megabytes(size), hash, "SHA-256", tables == null ? null : tables.size(),
                tables == null ? null : "unknown", tables, toc == null ? null : toc.serverVersion(), null,
                toc == null ? null : toc.pgDumpVersion(), null, null, toc == null ? null : toc.totalEntries(),
                null, null, null, false, List.of(), null);
    }

    /**
     * pg_dump's "Archive created at" ("2015-03-04 10:11:12 CET"): the zone, when Java knows its
     * abbreviation or offset, else this machine's; null when it cannot be read.
     */
    static OffsetDateTime createdAt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            return java.time.ZonedDateTime.parse(t, java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z",
                    Locale.ROOT)).toOffsetDateTime();
        } catch (java.time.format.DateTimeParseException e) {
            // an offset such as "+01", or an abbreviation Java does not know
        }
        try {
            return OffsetDateTime.parse(t.replace(' ', 'T').replaceFirst("T([+-]\\d\\d)$", "$1:00"));
        } catch (java.time.format.DateTimeParseException e) {
            // not an offset either
        }
        try {
            return java.time.LocalDateTime.parse(t.substring(0, Math.min(19, t.length())).replace(' ', 'T'))
                    .atZone(ZoneId.systemDefault()).toOffsetDateTime();
        } catch (java.time.format.DateTimeParseException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }

    private String copyHashing(Path source, Path target) throws IOException {
        MessageDigest digest = Hashing.sha256();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        Journal.Intent intent = new Journal(store.folder()).begin("import").file(partial);
        try (InputStream in = new DigestInputStream(Files.newInputStream(source), digest);
             OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW)) {
            in.transferTo(out);
        } catch (IOException e) {
            Files.deleteIfExists(partial);
            throw e;
        } finally {
            intent.end();
        }
        SafeFiles.moveAtomically(partial, target);
        return HexFormat.of().formatHex(digest.digest());
    }
}
