package dev.lifeboat.core.retention;

import dev.lifeboat.core.ErrorCode;
import dev.lifeboat.core.LifeboatException;
import dev.lifeboat.core.util.Json;
import dev.lifeboat.core.util.SafeFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** retention.json in a backup folder: a default policy and, optionally, one per database. */
public record RetentionPolicies(RetentionPolicy defaultPolicy, Map<String, RetentionPolicy> databases) {
    public static final String FILE_NAME = "retention.json";

    public RetentionPolicies {
        databases = databases == null ? Map.of() : Map.copyOf(databases);
    }

    public RetentionPolicy forDatabase(String database) {
        RetentionPolicy p = database == null ? null : databases.get(database);
        return p != null ? p : defaultPolicy == null ? new RetentionPolicy(null, null, null, null, null, null) : defaultPolicy;
    }

    public RetentionPolicies with(String database, RetentionPolicy policy) {
        if (database == null) {
            return new RetentionPolicies(policy, databases);
        }
        Map<String, RetentionPolicy> m = new LinkedHashMap<>(databases);
        m.put(database, policy);
        return new RetentionPolicies(defaultPolicy, m);
    }

    public static RetentionPolicies load(Path folder) {
        try {
            byte[] bytes = Files.readAllBytes(folder.resolve(FILE_NAME));
            RetentionPolicies simple = RetentionPolicyReading.simple(bytes);
            return simple != null ? simple : Json.MAPPER.readValue(bytes, RetentionPolicies.class);
        } catch (NoSuchFileException e) {
            return new RetentionPolicies(null, Map.of());
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "The retention policy " + folder.resolve(FILE_NAME)
                    + " cannot be read (" + e.getMessage() + "). Fix it, or set the policy again.", e);
        }
    }

    public void save(Path folder) {
        try {
            SafeFiles.ensureFolder(folder);
            SafeFiles.writeAtomically(folder.resolve(FILE_NAME), Json.MAPPER.writeValueAsBytes(this));
        } catch (IOException e) {
            throw new LifeboatException(ErrorCode.IO_ERROR, "Cannot save the retention policy: " + e.getMessage(), e);
        }
    }
}
