package dev.lifeboat.ui.keys;

import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.crypto.AgeKeys;
import dev.lifeboat.core.crypto.IdentitySetting;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Settings → Encryption as a model: which age identity file opens encrypted backups (its path
 * only, never its key), a new identity, and its public recipient exported for other machines.
 * Each action reads or writes one small file, so it runs where it is called.
 */
public final class IdentityModel {
    public static final String LOST_KEY_WARNING = "Keep a copy of the identity file somewhere other than this machine "
            + "(a password manager, a printed copy in a safe). Backups encrypted to it cannot be opened without it: "
            + "a lost identity means lost backups. Lifeboat keeps only the file's path.";

    private final Path configFolder;
    private final ReadOnlyStringWrapper identityFile = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper recipient = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

    public IdentityModel(Path configFolder) {
        this.configFolder = configFolder;
        try {
            String saved = IdentitySetting.load(configFolder).identityFile();
            if (saved != null) {
                identityFile.set(saved);
                recipient.set(recipientOf(Path.of(saved)));
            }
        } catch (LifeboatException e) {
            status.set("\u2716 " + e.getMessage());
        }
    }

    public ReadOnlyStringProperty identityFileProperty() {
        return identityFile.getReadOnlyProperty();
    }

    /** The age1… recipient of the chosen identity: what backups are encrypted to. */
    public ReadOnlyStringProperty recipientProperty() {
        return recipient.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    private static String recipientOf(Path identity) {
        List<String> r = AgeKeys.recipients(List.of(identity.toString()));
        return r.isEmpty() ? "" : r.get(0);
    }

    /** Uses an existing identity file; refused (with the reason) when it holds no age identity. */
    public boolean choose(Path file) {
        try {
            String r = recipientOf(file);
            if (r.isEmpty()) {
                status.set("\u2716 " + file + " holds no age identity with its public key line. Choose the file "
                        + "age-keygen or Lifeboat wrote.");
                return false;
            }
            new IdentitySetting(file.toAbsolutePath().toString()).save(configFolder);
            identityFile.set(file.toAbsolutePath().toString());
            recipient.set(r);
            status.set("\u2714 Encrypted backups open with " + file.getFileName() + ".");
            return true;
        } catch (LifeboatException e) {
            status.set("\u2716 " + e.getMessage());
            return false;
        }
    }

    /** Writes a new identity (owner-only, never over an existing file) and uses it. */
    public boolean generate(Path out) {
        try {
            String r = AgeKeys.generate(out);
            new IdentitySetting(out.toAbsolutePath().toString()).save(configFolder);
            identityFile.set(out.toAbsolutePath().toString());
            recipient.set(r);
            status.set("\u2714 New identity written to " + out + ". Copy that file somewhere safe now.");
            return true;
        } catch (LifeboatException e) {
            status.set("\u2716 " + e.getMessage());
            return false;
        }
    }

    /** Writes the public recipient (never the key) to a file, for the machines that encrypt to it. */
    public boolean exportRecipient(Path out) {
        if (recipient.get().isEmpty()) {
            status.set("\u2716 Choose or generate an identity first.");
            return false;
        }
        try {
            Files.writeString(out, recipient.get() + "\n");
            status.set("\u2714 Recipient written to " + out + ". It is public: share it freely.");
            return true;
        } catch (IOException e) {
            status.set("\u2716 Cannot write " + out + ": " + e.getMessage());
            return false;
        }
    }
}
