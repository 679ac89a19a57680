package dev.lifeboat.core.crypto;

import com.exceptionfactory.jagged.RecipientStanzaReader;
import com.exceptionfactory.jagged.RecipientStanzaWriter;
import com.exceptionfactory.jagged.x25519.X25519KeyPairGenerator;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaReaderFactory;
import com.exceptionfactory.jagged.x25519.X25519RecipientStanzaWriterFactory;
import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * age X25519 keys in the files age-keygen writes: an identity file (AGE-SECRET-KEY-1…, owner-only)
 * and recipients (age1…). Lifeboat keeps only paths and public recipients; the secret is read from
 * its file when needed and never logged, recorded or put in a message.
 */
public final class AgeKeys {
    private static final String SECRET_PREFIX = "AGE-SECRET-KEY-1";
    private static final String RECIPIENT_PREFIX = "age1";

    private AgeKeys() {
    }

    /** Writes a new identity file (refusing to overwrite one) and returns its recipient. */
    public static String generate(Path out) {
        if (Files.exists(out)) {
            throw new LifeboatException(ErrorCode.USAGE, "The file " + out + " exists already; a key file is never "
                    + "overwritten (that would lose the backups encrypted to it). Choose another name.");
        }
        try {
            KeyPair pair = new X25519KeyPairGenerator().generateKeyPair();
            String recipient = pair.getPublic().toString();
            String secret = pair.getPrivate().toString();
            String text = "# created: " + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS) + "\n"
                    + "# public key: " + recipient + "\n" + secret + "\n";
            Path parent = out.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(out, "", StandardOpenOption.CREATE_NEW);
            SafeFiles.ownerOnly(out); // before the secret is written into it
            Files.writeString(out, text, StandardOpenOption.TRUNCATE_EXISTING);
            return recipient;
        } catch (GeneralSecurityException | IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot write the key file " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * Recipients from "age1…" values, or from files holding them (a recipients file, one per line,
     * or an identity file with its "# public key:" line).
     */
    public static List<String> recipients(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            if (v.startsWith(RECIPIENT_PREFIX)) {
                out.add(v.strip());
                continue;
            }
            List<String> found = new ArrayList<>();
            for (String line : readLines(Path.of(v), "recipients")) {
                String l = line.strip();
                if (l.startsWith(RECIPIENT_PREFIX)) {
                    found.add(l);
                } else if (l.startsWith("# public key: " + RECIPIENT_PREFIX)) {
                    found.add(l.substring("# public key: ".length()).strip());
                }
            }
            if (found.isEmpty()) {
                throw new LifeboatException(ErrorCode.USAGE, "The file " + v + " holds no age recipient (age1…).");
            }
            out.addAll(found);
        }
        for (String r : out) {
            writer(r); // an invalid recipient fails here, before any backup starts
        }
        return List.copyOf(out);
    }

    /** The file in a backup folder whose recipients every backup there is encrypted to (age -R format). */
    public static final String FOLDER_RECIPIENTS = "recipients.txt";

    /** The folder's default recipients, or none when it has no recipients file. */
    public static List<String> folderRecipients(Path folder) {
        Path file = folder.resolve(FOLDER_RECIPIENTS);
        return Files.isRegularFile(file) ? recipients(List.of(file.toString())) : List.of();
    }

    static RecipientStanzaWriter writer(String recipient) {
        try {
            return X25519RecipientStanzaWriterFactory.newRecipientStanzaWriter(recipient);
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new LifeboatException(ErrorCode.USAGE, "'" + recipient + "' is not a valid age X25519 recipient "
                    + "(age1…).", e);
        }
    }

    /** The readers for every identity in an identity file. */
    static List<RecipientStanzaReader> readers(Path identityFile) {
        List<RecipientStanzaReader> readers = new ArrayList<>();
        for (String line : readLines(identityFile, "identity")) {
            String l = line.strip();
            if (l.startsWith(SECRET_PREFIX)) {
                try {
                    readers.add(X25519RecipientStanzaReaderFactory.newRecipientStanzaReader(l));
                } catch (GeneralSecurityException | RuntimeException e) {
                    throw new LifeboatException(ErrorCode.USAGE, "The identity file " + identityFile + " holds a "
                            + "key that is not a valid age X25519 identity.", e);
                }
            }
        }
        if (readers.isEmpty()) {
            throw new LifeboatException(ErrorCode.USAGE, "The file " + identityFile + " holds no age identity "
                    + "(AGE-SECRET-KEY-1…).");
        }
        return readers;
    }

    private static List<String> readLines(Path file, String what) {
        try {
            return Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            throw new LifeboatException(ErrorCode.USAGE, "The " + what + " file " + file + " does not exist.", e);
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot read the " + what + " file " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
