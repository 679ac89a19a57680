package dev.lifeboat.core.settings;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;
import dev.lifeboat.core.pg.ConnectionSpec;
import dev.lifeboat.core.pg.PgToolLocator;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/** settings.json in the config folder, written atomically; and the resolution of connection text. */
public final class SettingsStore {
    /**
     * The settings file read last, by version (path, size, modified time, file key: an atomic write
     * makes a new file): a command's start asked for it up to three times (the tools' folder, the
     * early connection, the command itself), and a restore's plan once more per protection check.
     */
    private record Read(Path file, long size, long modifiedNanos, Object fileKey, Settings settings) {
    }

    private static final AtomicReference<Read> LAST = new AtomicReference<>();

    /** The client tools' versions as they answered, keyed by each binary's path, size and time. */
    static final String TOOL_VERSIONS = "tool-versions.cache";

    private final Path file;

    public SettingsStore(Path configFolder) {
        this.file = configFolder.resolve("settings.json");
    }

    public static SettingsStore standard() {
        return new SettingsStore(AppPaths.configFolder());
    }

    public Path file() {
        return file;
    }

    public Settings load() {
        try {
            BasicFileAttributes before = Files.readAttributes(file, BasicFileAttributes.class);
            Read last = LAST.get();
            if (last != null && last.equals(versionOf(before, last.settings()))) {
                return last.settings();
            }
            byte[] json = Files.readAllBytes(file); // first: without a settings file Jackson is not needed yet
            Settings read = Json.MAPPER.readValue(json, Settings.class);
            BasicFileAttributes after = Files.readAttributes(file, BasicFileAttributes.class);
            if (versionOf(before, read).equals(versionOf(after, read))) {
                LAST.set(versionOf(after, read)); // not a file that changed while it was read
            }
            return read;
        } catch (NoSuchFileException e) {
            return Settings.defaults();
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "The settings file " + file + " cannot be read ("
                    + e.getMessage() + "). Fix it or move it away to start with default settings.", e);
        }
    }

    public synchronized Settings update(UnaryOperator<Settings> change) {
        Settings next = change.apply(load());
        try {
            SafeFiles.ensureFolder(file.getParent());
            LAST.set(null); // read again from what was written
            SafeFiles.writeAtomically(file, Json.MAPPER.writeValueAsBytes(next));
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot save the settings to " + file + ": " + e.getMessage(), e);
        }
        return next;
    }

    private Read versionOf(BasicFileAttributes a, Settings settings) {
        return new Read(file.toAbsolutePath(), a.size(), a.lastModifiedTime().to(java.util.concurrent.TimeUnit.NANOSECONDS),
                a.fileKey(), settings);
    }

    /** A URI, key=value conninfo, or the name of a saved connection. */
    /**
     * The PostgreSQL client tools to use: those in the folder given (a one-off choice, e.g. the CLI's
     * option), else in the folder saved in the settings, else found on the system. Their versions are
     * remembered in the config folder ({@value #TOOL_VERSIONS}).
     */
    public PgToolLocator tools(Path chosenFolder) {
        String saved = chosenFolder != null ? null : load().pgBinFolder();
        Path folder = chosenFolder != null ? chosenFolder : saved == null || saved.isBlank() ? null : Path.of(saved);
        // beside the settings: each tool's version, so that a command does not start it only to ask
        return PgToolLocator.standard(folder).rememberingVersionsIn(file.resolveSibling(TOOL_VERSIONS));
    }

    public ConnectionSpec resolve(String text) {
        if (text != null && !text.contains("=") && !text.contains("://")) {
            // A password typed as user:password@host is never repeated back.
            String shown = text.strip().replaceFirst("^([^@:/\\s]*):[^@\\s]*@", "$1:\u2026@");
            // user@host:port/db is how people write a server without the URI's scheme: say the URI it means.
            String uri = shown.matches("[^@\\s/]+@[^@\\s]+") ? " (did you mean postgresql://" + shown + "?)" : "";
            return load().connection(text.strip()).map(ConnectionProfile::toSpec)
                    .orElseThrow(() -> new LifeboatException(ErrorCode.USAGE, "There is no saved connection named '"
                            + shown + "'" + uri + ". Give a URI (postgresql://user@host:5432/db), key=value pairs, "
                            + "or the name of a saved connection.", Remedy.LIST_CONNECTIONS, null));
        }
        return ConnectionSpec.parse(text);
    }

    /** The saved connection matching this server and database, if it is marked protected. */
    public boolean isProtected(ConnectionSpec spec) {
        return load().connections().stream().anyMatch(c -> c.isProtected() && c.host().equals(spec.host())
                && c.port() == spec.port() && c.database().equals(spec.database()));
    }
}
