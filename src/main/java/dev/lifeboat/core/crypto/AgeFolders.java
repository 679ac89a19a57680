package dev.lifeboat.core.crypto;

import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.archive.ArchiveFiles;
import dev.lifeboat.core.util.Hashing;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A directory-format backup in age (decision 014): pg_dump -Fd writes plain files into the private
 * (0700) partial folder, then each file becomes {@code NAME.age}, a standard age file the {@code age}
 * tool opens, and the plain file is removed before the folder gets its final name. Reading it back
 * decrypts every file into a private scratch folder beside it, named as a temporary of this process
 * so that {@code recover} removes it when the process is gone.
 */
public final class AgeFolders {
    public static final String SUFFIX = ".age";

    private AgeFolders() {
    }

    /**
     * Encrypts every file of the folder to NAME.age (owner-only, fsynced) and removes the plain
     * file; returns the SHA-256 of each stored (encrypted) file by name, computed as it is written.
     */
    public static SortedMap<String, String> sealAll(Path folder, List<String> recipients, CancelToken cancel)
            throws IOException {
        SortedMap<String, String> byPlainName = ArchiveFiles.eachFile(folder, f -> {
            String hash = seal(f, folder.resolve(f.getFileName() + SUFFIX), recipients, cancel);
            Files.delete(f);
            return hash;
        });
        SafeFiles.syncFolder(folder);
        SortedMap<String, String> hashes = new TreeMap<>();
        byPlainName.forEach((name, hash) -> hashes.put(name + SUFFIX, hash)); // the stored files' names
        return Collections.unmodifiableSortedMap(hashes);
    }

    private static String seal(Path plain, Path sealed, List<String> recipients, CancelToken cancel) throws IOException {
        MessageDigest digest = Hashing.sha256();
        try (FileChannel in = FileChannel.open(plain, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(sealed, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            SafeFiles.ownerOnly(sealed);
            try (WritableByteChannel age = AgeFiles.encrypting(AgeFiles.hashing(out, digest), recipients)) {
                ByteBuffer buf = ByteBuffer.allocate(1 << 20);
                while (in.read(buf) >= 0) {
                    cancel.throwIfCancelled("Encrypting the backup");
                    buf.flip();
                    while (buf.hasRemaining()) {
                        age.write(buf);
                    }
                    buf.clear();
                }
            }
            out.force(true);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Decrypts every NAME.age of the folder into a new private (0700) folder beside it, returned;
     * the caller removes it ({@link AgeFiles#deleteQuietly}). On any failure nothing is left.
     */
    static Path openAll(String what, List<String> recipients, Path folder, Path identity, CancelToken cancel) {
        Path scratch = folder.resolveSibling("." + folder.getFileName() + ".decrypted.tmp-" + ProcessHandle.current().pid()
                + "-" + System.nanoTime());
        try {
            Files.createDirectory(scratch);
            SafeFiles.ownerOnlyFolder(scratch);
            List<Path> sealed;
            try (Stream<Path> s = Files.list(folder)) {
                sealed = s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(SUFFIX)).toList();
            }
            for (Path f : sealed) {
                String name = f.getFileName().toString();
                AgeFiles.decryptInto(what + " (" + name + ")", recipients, f, identity,
                        scratch.resolve(name.substring(0, name.length() - SUFFIX.length())), cancel);
            }
            return scratch;
        } catch (IOException | RuntimeException e) {
            AgeFiles.deleteQuietly(scratch);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new LifeboatException(ErrorCode.IO_ERROR, "The " + what + " could not be decrypted into " + scratch
                    + ": " + e.getMessage(), e);
        }
    }
}
