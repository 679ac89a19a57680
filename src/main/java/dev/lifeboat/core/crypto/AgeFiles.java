package dev.lifeboat.core.crypto;

import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.framework.stream.StandardDecryptingChannelFactory;
import com.exceptionfactory.jagged.framework.stream.StandardEncryptingChannelFactory;
import dev.lifeboat.core.CancelToken;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.manifest.BackupEntry;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;

/**
 * Files in the age format (age-encryption.org/v1) through Jagged: an encrypting channel for a
 * backup as pg_dump streams it, and decryption of a stored backup into a private temporary file for
 * the tools that read archives (pg_restore).
 */
public final class AgeFiles {
    /** The environment variable naming an identity file when none is given otherwise. */
    public static final String IDENTITY_ENV = "LIFEBOAT_AGE_IDENTITY";

    private AgeFiles() {
    }

    /** The identity file to use: the one given, else LIFEBOAT_AGE_IDENTITY, else null. */
    public static Path identityOrEnv(Path given) {
        if (given != null) {
            return given;
        }
        String env = System.getenv(IDENTITY_ENV);
        return env == null || env.isBlank() ? null : Path.of(env);
    }

    /**
     * A channel that encrypts what is written to it into the sink, for the recipients. Closing it
     * writes the last chunk and closes the sink.
     */
    public static WritableByteChannel encrypting(WritableByteChannel sink, List<String> recipients) throws IOException {
        List<RecipientStanzaWriter> writers = recipients.stream().map(AgeKeys::writer).toList();
        try {
            return new StandardEncryptingChannelFactory().newEncryptingChannel(sink, writers);
        } catch (GeneralSecurityException e) {
            throw new LifeboatException(ErrorCode.INTERNAL, "The encryption could not start: " + e.getMessage(), e);
        }
    }

    /** A sink that hashes the bytes it passes on: the hash of the stored, encrypted file, in the same pass. */
    public static WritableByteChannel hashing(FileChannel out, MessageDigest digest) {
        return new WritableByteChannel() {
            private boolean open = true;

            @Override
            public int write(ByteBuffer src) throws IOException {
                ByteBuffer view = src.duplicate();
                int n = 0;
                while (src.hasRemaining()) {
                    n += out.write(src);
                }
                digest.update(view.limit(view.position() + n));
                return n;
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false; // the file channel stays open: the caller fsyncs and closes it
            }
        };
    }

    /**
     * Decrypts an encrypted backup into a private file beside it (owner-only, removed by the caller).
     * A missing identity, a wrong one and a damaged file each get their own message.
     */
    public static Path decryptToTemporary(BackupEntry entry, Path encrypted, Path identity, CancelToken cancel) {
        if (identity == null) {
            throw missingIdentity(entry);
        }
        return decryptToTemporary("backup " + entry.effectiveId(), entry.encryption().recipients(), encrypted, identity,
                cancel);
    }

    /** True when the file starts as an age file does. */
    public static boolean isAge(Path file) throws IOException {
        byte[] magic = "age-encryption.org/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (var in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(magic.length), magic);
        }
    }

    /** As above, for a file not yet in the manifest ("what" names it in messages). */
    public static Path decryptToTemporary(String what, List<String> recipients, Path encrypted, Path identity,
                                          CancelToken cancel) {
        if (identity == null) {
            throw new LifeboatException(ErrorCode.USAGE, "The " + what + " is encrypted (age): reading it needs the "
                    + "identity file (the age key) it was encrypted to; give its path, or set " + IDENTITY_ENV + ".");
        }
        if (Files.isDirectory(encrypted)) {
            return AgeFolders.openAll(what, recipients, encrypted, identity, cancel);
        }
        Path plain = encrypted.resolveSibling("." + encrypted.getFileName() + ".decrypted-" + ProcessHandle.current().pid());
        decryptInto(what, recipients, encrypted, identity, plain, cancel);
        return plain;
    }

    /** Decrypts one age file into the given private file; nothing is left there on failure. */
    static void decryptInto(String what, List<String> recipients, Path encrypted, Path identity, Path plain,
                            CancelToken cancel) {
        var readers = AgeKeys.readers(identity);
        try (ReadableByteChannel in = new StandardDecryptingChannelFactory()
                .newDecryptingChannel(FileChannel.open(encrypted, StandardOpenOption.READ), readers);
             FileChannel out = FileChannel.open(plain, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                     StandardOpenOption.WRITE)) {
            SafeFiles.ownerOnly(plain);
            ByteBuffer buf = ByteBuffer.allocate(1 << 20);
            while (in.read(buf) >= 0) {
                cancel.throwIfCancelled("Decrypting the backup");
                buf.flip();
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                buf.clear();
            }
        } catch (GeneralSecurityException e) {
            deleteQuietly(plain);
            throw new LifeboatException(ErrorCode.USAGE, "The identity " + identity + " does not open " + what
                    + (recipients.isEmpty() ? "." : ": it was encrypted to " + String.join(", ", recipients) + ".")
                    + " Use the identity file of a recipient it was encrypted to.", e);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(plain);
            if (e instanceof LifeboatException le) {
                throw le;
            }
            throw new LifeboatException(ErrorCode.ARCHIVE_DAMAGED, "The " + what + " could not be "
                    + "decrypted: " + e.getMessage() + ". The encrypted file is damaged or not an age file.", e);
        }
    }

    public static LifeboatException missingIdentity(BackupEntry entry) {
        return new LifeboatException(ErrorCode.USAGE, "Backup " + entry.effectiveId() + " is encrypted (age, to "
                + String.join(", ", entry.encryption().recipients()) + "). Reading its contents needs the identity "
                + "file (the age key) of one of these recipients; give its path, or set " + IDENTITY_ENV
                + ". A quick verification (size and SHA-256) needs no key.");
    }

    public static void deleteQuietly(Path p) {
        try {
            if (p != null) {
                SafeFiles.deleteRecursively(p); // a decrypted directory backup is a scratch folder
            }
        } catch (IOException ignored) {
            // a leftover private temporary file; the next run overwrites it
        }
    }
}
