package dev.lifeboat.core.manifest;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One off-site copy of a backup: where it is, what was stored, and how it last fared when read
 * back. A copy counts only while its state is {@link CopyState#OK}.
 */
public record CopyRecord(String destination, String key, Long sizeBytes, String hash, String uploaded,
                         String lastChecked, CopyState state, String detail) {

    public CopyRecord withCheck(String when, CopyState newState, String newDetail) {
        return new CopyRecord(destination, key, sizeBytes, hash, uploaded, when, newState, newDetail);
    }

    @JsonIgnore
    public boolean isOk() {
        return state == CopyState.OK;
    }
}
