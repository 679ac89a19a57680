package dev.lifeboat.core.destination;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.ProgressListener;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Another folder (a mounted NAS, a USB disk): written through a .partial file, fsynced and renamed. */
final class FileDestination implements Destination {
    private static final String PARTIAL = ".partial";

    private final Path root;

    FileDestination(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String describe() {
        return root.toString();
    }

    private Path resolve(String key) {
        Path p = root.resolve(key).normalize();
        if (!p.startsWith(root) || p.equals(root)) {
            throw new LifeboatException(ErrorCode.USAGE, "The key '" + key + "' is outside the destination " + root + ".");
        }
        return p;
    }

    @Override
    public void put(Path file, String key, ProgressListener progress, CancelToken cancel) {
        Path target = resolve(key);
        Path partial = target.resolveSibling(target.getFileName() + PARTIAL);
        try {
            SafeFiles.ensureFolder(target.getParent());
            try (InputStream in = Files.newInputStream(file);
                 OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE,
                         StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                SafeFiles.ownerOnly(partial);
                Transfers.copy(in, out, Files.size(file), "Copying to " + root, progress, cancel);
            }
            try (var ch = java.nio.channels.FileChannel.open(partial, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            SafeFiles.moveAtomically(partial, target);
        } catch (IOException | RuntimeException e) {
            SafeFiles.deleteQuietly(partial);
            throw Transfers.failure("Copying " + file.getFileName(), root.toString(), e);
        }
    }

    @Override
    public Optional<RemoteObject> stat(String key) {
        Path p = resolve(key);
        try {
            return Files.isRegularFile(p) ? Optional.of(new RemoteObject(key, Files.size(p))) : Optional.empty();
        } catch (IOException e) {
            throw Transfers.failure("Reading " + key, root.toString(), e);
        }
    }

    @Override
    public String readBackSha256(String key, ProgressListener progress, CancelToken cancel) {
        Path p = resolve(key);
        try (InputStream in = Files.newInputStream(p)) {
            return Transfers.sha256(in, Files.size(p), "Reading back " + key, progress, cancel);
        } catch (IOException e) {
            throw Transfers.failure("Reading back " + key, root.toString(), e);
        }
    }

    @Override
    public void get(String key, Path target, ProgressListener progress, CancelToken cancel) {
        Path p = resolve(key);
        try (InputStream in = Files.newInputStream(p);
             OutputStream out = Files.newOutputStream(target)) {
            SafeFiles.ownerOnly(target);
            Transfers.copy(in, out, Files.size(p), "Fetching from " + root, progress, cancel);
        } catch (IOException e) {
            throw Transfers.failure("Fetching " + key, root.toString(), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw Transfers.failure("Deleting " + key, root.toString(), e);
        }
    }

    @Override
    public void removeFolder(String prefix) {
        Path p = resolve(prefix);
        try {
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw Transfers.failure("Deleting " + prefix, root.toString(), e);
        }
    }

    @Override
    public List<RemoteObject> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<RemoteObject> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.add(new RemoteObject(p.getFileName().toString(), Files.size(p)));
            }
            return out;
        } catch (IOException e) {
            throw Transfers.failure("Listing", root.toString(), e);
        }
    }

    @Override
    public void close() {
        // nothing held open
    }
}
