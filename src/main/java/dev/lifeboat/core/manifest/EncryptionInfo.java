package dev.lifeboat.core.manifest;

import java.util.List;

/**
 * How a backup file is encrypted: the format ("age") and the public recipients it was encrypted
 * to. No key material: a recipient is public, the identity that opens the file is never recorded.
 */
public record EncryptionInfo(String format, List<String> recipients) {
    public static final String AGE = "age";

    public EncryptionInfo {
        recipients = recipients == null ? List.of() : List.copyOf(recipients);
    }
}
