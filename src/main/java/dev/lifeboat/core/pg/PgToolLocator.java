package dev.lifeboat.core.pg;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.Remedy;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Finds pg_dump, pg_restore, pg_dumpall and psql: in a folder the user chose, on PATH, and in the
 * places installers put them. Picks the newest whose major version is at least the server's.
 */
public final class PgToolLocator {
    private static final Map<Path, Optional<PgVersions.ToolVersion>> VERSION_CACHE = new ConcurrentHashMap<>();

    private final Path chosenFolder;
    private final List<Path> searchFolders;
    /** Where the versions are remembered between runs; null: asked once per process. */
    private final ToolVersionFile remembered;

    private PgToolLocator(Path chosenFolder, List<Path> searchFolders, ToolVersionFile remembered) {
        this.chosenFolder = chosenFolder;
        this.searchFolders = searchFolders;
        this.remembered = remembered;
    }

    private PgToolLocator(Path chosenFolder, List<Path> searchFolders) {
        this(chosenFolder, searchFolders, null);
    }

    /**
     * The same search, remembering each binary's version in {@code file} between runs (keyed by its
     * real path, size, modified time and file key), so that a command does not start every tool it
     * uses once more only to ask its version.
     */
    public PgToolLocator rememberingVersionsIn(Path file) {
        return new PgToolLocator(chosenFolder, searchFolders, new ToolVersionFile(file));
    }

    /**
     * The usual search: the chosen folder alone when one is given (a deliberate choice is obeyed),
     * else PATH and the standard install places.
     */
    public static PgToolLocator standard(Path chosenFolder) {
        if (chosenFolder != null) {
            return new PgToolLocator(chosenFolder, List.of(chosenFolder));
        }
        String env = System.getenv("LIFEBOAT_PG_BIN");
        if (env != null && !env.isBlank()) {
            Path folder = Path.of(env);
            return new PgToolLocator(folder, List.of(folder));
        }
        Set<Path> folders = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String part : path.split(File.pathSeparator)) {
                if (!part.isBlank()) {
                    folders.add(Path.of(part));
                }
            }
        }
        folders.addAll(children(Path.of("/usr/lib/postgresql"), "bin"));
        folders.addAll(childrenMatching(Path.of("/usr"), "pgsql-", "bin"));
        folders.addAll(children(Path.of("/opt/homebrew/opt"), "bin"));
        folders.addAll(children(Path.of("/usr/local/opt"), "bin"));
        folders.addAll(children(Path.of("/Applications/Postgres.app/Contents/Versions"), "bin"));
        folders.addAll(children(Path.of("C:\\Program Files\\PostgreSQL"), "bin"));
        return new PgToolLocator(null, new ArrayList<>(folders));
    }

    /** Searches only the given folders; used by Settings' preview and by tests. */
    public static PgToolLocator in(List<Path> folders) {
        return new PgToolLocator(null, List.copyOf(folders));
    }

    private static List<Path> children(Path parent, String sub) {
        return childrenMatching(parent, "", sub);
    }

    private static List<Path> childrenMatching(Path parent, String prefix, String sub) {
        List<Path> result = new ArrayList<>();
        if (!Files.isDirectory(parent)) {
            return result;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            for (Path p : ds) {
                if (p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p.resolve(sub))) {
                    result.add(p.resolve(sub));
                }
            }
        } catch (IOException e) {
            return result;
        }
        result.sort(Comparator.reverseOrder());
        return result;
    }

    /**
     * Every installation of the tool found, in search order. Debian's {@code /usr/bin/pg_dump} is a
     * Perl dispatcher (postgresql-common's pg_wrapper) to the real binaries under
     * {@code /usr/lib/postgresql/N/bin}; when those are found it is skipped, since Lifeboat picks the
     * version itself and the dispatcher costs a Perl start on every call.
     */
    public List<ToolInstallation> findAll(PgTool tool) {
        List<ToolInstallation> found = new ArrayList<>();
        List<Path> dispatchers = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        for (Path folder : searchFolders) {
            Path candidate = folder.resolve(tool.fileName());
            if (!Files.isRegularFile(candidate) || !Files.isExecutable(candidate)) {
                continue;
            }
            Path real;
            try {
                real = candidate.toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (!seen.add(real)) {
                continue;
            }
            if (isDebianDispatcher(real)) {
                dispatchers.add(candidate);
                continue;
            }
            addIfVersioned(found, tool, candidate, real);
        }
        if (found.isEmpty()) {
            // the dispatcher's answer depends on the clusters installed, not on its own file: never remembered
            dispatchers.forEach(candidate -> addIfVersioned(found, tool, candidate, null));
        }
        return found;
    }

    private void addIfVersioned(List<ToolInstallation> found, PgTool tool, Path candidate, Path real) {
        readVersion(candidate, real).ifPresent(v -> found.add(new ToolInstallation(tool, candidate, v.majorKey(), v.version())));
    }

    static boolean isDebianDispatcher(Path realPath) {
        Path name = realPath.getFileName();
        Path parent = realPath.getParent();
        return name != null && parent != null && name.toString().equals("pg_wrapper")
                && parent.getFileName() != null && parent.getFileName().toString().equals("postgresql-common");
    }

    /**
     * Starts {@link #findAll} on another thread, so that a {@link #require} made once the server's
     * version is known finds the versions known: asking each executable its version is a process
     * start, 10-50 ms on a cold JVM, which a command can overlap with connecting. Failures are left
     * for {@code require} to report.
     */
    public void findInBackground(PgTool tool) {
        Thread t = new Thread(() -> findAll(tool), "lifeboat-find-" + tool.command());
        t.setDaemon(true);
        t.start();
    }

    /**
     * The installation to use against a server of the given major version (0: any): the newest one
     * whose major version is at least the server's.
     */
    public ToolInstallation require(PgTool tool, int serverMajorKey) {
        List<ToolInstallation> all = findAll(tool);
        if (all.isEmpty()) {
            String where = chosenFolder != null ? " in " + chosenFolder : "";
            throw new LifeboatException(ErrorCode.TOOL_MISSING, tool.command() + " was not found" + where
                    + ". Install the PostgreSQL client tools (Debian/Ubuntu: apt install postgresql-client; "
                    + "Windows and macOS: the PostgreSQL installer) or choose the folder they are in.", Remedy.CHOOSE_TOOLS_FOLDER, null);
        }
        Optional<ToolInstallation> best = all.stream()
                .filter(t -> t.majorKey() >= serverMajorKey)
                .max(Comparator.comparingInt(ToolInstallation::majorKey));
        if (best.isPresent()) {
            return best.get();
        }
        ToolInstallation newest = all.stream().max(Comparator.comparingInt(ToolInstallation::majorKey)).orElseThrow();
        String server = PgVersions.label(serverMajorKey);
        throw new LifeboatException(ErrorCode.TOOL_TOO_OLD, tool.command() + " " + newest.majorLabel()
                + " cannot " + (tool == PgTool.PG_DUMP || tool == PgTool.PG_DUMPALL ? "dump" : "work with")
                + " a PostgreSQL " + server + " server: install the version " + server
                + " client tools or choose the folder they are in. Found: " + newest.path(), Remedy.CHOOSE_TOOLS_FOLDER, null);
    }

    /** For tests: as if this were a new process (the versions on disk stay). */
    static void forgetVersionsInMemory() {
        VERSION_CACHE.clear();
    }

    /** The version, asked once per process, and with {@link #rememberingVersionsIn} once per binary. */
    private Optional<PgVersions.ToolVersion> readVersion(Path executable, Path real) {
        return VERSION_CACHE.computeIfAbsent(executable.toAbsolutePath(), e -> {
            if (remembered == null || real == null) {
                return runVersion(e);
            }
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(real, BasicFileAttributes.class);
            } catch (IOException ex) {
                return runVersion(e);
            }
            Optional<PgVersions.ToolVersion> known = remembered.get(real, attributes);
            if (known.isPresent()) {
                return known;
            }
            Optional<PgVersions.ToolVersion> asked = runVersion(e);
            asked.ifPresent(v -> remembered.put(real, attributes, v));
            return asked;
        });
    }

    private static Optional<PgVersions.ToolVersion> runVersion(Path executable) {
        try {
            Process p = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return Optional.ofNullable(PgVersions.parseToolVersion(out));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
